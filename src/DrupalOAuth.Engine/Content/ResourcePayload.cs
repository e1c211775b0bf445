using System.Collections.Generic;
using System.Collections.Specialized;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Field items turned into what EntityWriter sends: attributes as JSON:API values, relationships as
    /// <c>@{ type; id; meta }</c> dictionaries (a list for several items), and the references that could not be resolved.
    /// </summary>
    public sealed class ResourcePayload
    {
        public OrderedDictionary Attributes { get; } = new OrderedDictionary();

        public OrderedDictionary Relationships { get; } = new OrderedDictionary();

        /// <summary>The references the resolver did not know, such as "field_tags: taxonomy_term 0a1b…"; each names the field and the target.</summary>
        public List<string> Unresolved { get; } = new List<string>();
    }
}
