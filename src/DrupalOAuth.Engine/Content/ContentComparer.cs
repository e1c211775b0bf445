using System;
using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Compares content entities field by field, as Compare-DrupalContent reports and as Import-DrupalContent decides
    /// what to send. Entities match by UUID; file entities without a match by UUID match by filename and bytes
    /// (FileHash), since a file uploaded over JSON:API gets a UUID of the site's choosing, and references to matched
    /// files compare equal. Fields that only say how an entity came to be (revision user and log, translation
    /// bookkeeping, a file's uri and owner) are not compared, nor those in the exclusions.
    /// </summary>
    public sealed class ContentComparer
    {
        public ContentComparer(IEnumerable<string>? excludeFields, bool includeEqual) => throw new NotImplementedException();

        /// <summary>The fields compared by default are all but these.</summary>
        public static IReadOnlyCollection<string> IgnoredFields => throw new NotImplementedException();

        /// <summary>
        /// All differences between two sets: <c>&lt;=</c>, <c>=&gt;</c>, one <c>&lt;&gt;</c> per differing field, and
        /// with includeEqual <c>==</c>; ordered by entity type, then label, then UUID, then field.
        /// </summary>
        public IEnumerable<ContentDifference> Compare(IReadOnlyList<ContentEntity> reference, IReadOnlyList<ContentEntity> difference) => throw new NotImplementedException();

        /// <summary>
        /// The fields of <paramref name="wanted"/> whose items differ from <paramref name="existing"/>'s (a field absent
        /// on one side counts as empty), default translation only, by name; <paramref name="sameFile"/> says whether a
        /// wanted file UUID and an existing one are the same file.
        /// </summary>
        public IReadOnlyList<string> DifferingFields(ContentMap wanted, ContentMap existing, Func<string, string, bool>? sameFile) => throw new NotImplementedException();

        /// <summary>Items as compact text, YAML flow style: <c>[{value: 'Article 1'}]</c>.</summary>
        public static string Render(IReadOnlyList<ContentMap> items) => throw new NotImplementedException();
    }
}
