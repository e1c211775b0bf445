using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>Everything a content folder holds: the entities that parsed, and the files that did not.</summary>
    public sealed class ContentFolderContents
    {
        public ContentFolderContents(string root, IReadOnlyList<ContentEntity> entities, IReadOnlyList<ContentProblem> problems)
        {
            Root = root;
            Entities = entities;
            Problems = problems;
        }

        public string Root { get; }

        /// <summary>In a stable order: by path, ordinal.</summary>
        public IReadOnlyList<ContentEntity> Entities { get; }

        public IReadOnlyList<ContentProblem> Problems { get; }
    }
}
