using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>What a walk of a site takes beside the selected entities.</summary>
    public sealed class ContentWalkOptions
    {
        /// <summary>Follow references recursively (terms, files, media, paragraphs, other nodes), each entity once; false for -NoDependencies.</summary>
        public bool Dependencies { get; set; } = true;

        /// <summary>Walk referenced users as entities too (-IncludeUsers); otherwise they stay references in depends.</summary>
        public bool IncludeUsers { get; set; }

        /// <summary>The languages whose translations are read; null: the site's languages, as it lists them.</summary>
        public IReadOnlyList<string>? Languages { get; set; }

        /// <summary>Pages requested at once (-ThrottleLimit).</summary>
        public int PagesAtOnce { get; set; } = 4;

        /// <summary>-First: how many entities of the selection are read (their dependencies come on top); null: all.</summary>
        public ulong? First { get; set; }
    }
}
