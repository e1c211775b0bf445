using System;
using System.Threading;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// A folder in core's layout: <c>&lt;entity_type&gt;/&lt;uuid&gt;.yml</c>, and a file entity's bytes beside its YAML
    /// under the last segment of its <c>uri</c> (where core's importer looks for them).
    /// </summary>
    public sealed class ContentFolder
    {
        public ContentFolder(string root) => throw new NotImplementedException();

        public string Root => throw new NotImplementedException();

        /// <summary>
        /// Reads every <c>*.yml</c> and <c>*.json</c> under <paramref name="root"/> (any depth, as core's importer does),
        /// setting each entity's SourcePath and, for file entities whose bytes are there, FileHash. A file that does not
        /// parse is a problem, not an exception; a missing folder is a DrupalException (ContentFolderNotFound).
        /// </summary>
        public static ContentFolderContents Read(string root, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>Writes <c>&lt;root&gt;/&lt;entity_type&gt;/&lt;uuid&gt;.yml</c> through a temporary file and a move; returns its path.</summary>
        public string Write(ContentEntity entity) => throw new NotImplementedException();

        /// <summary>Where the export puts a file entity's bytes: <c>&lt;root&gt;/file/&lt;last segment of uri&gt;</c>.</summary>
        public string BytesPath(ContentEntity file) => throw new NotImplementedException();

        /// <summary>Where core's importer finds a read file entity's bytes (beside its SourcePath); null when they are not there.</summary>
        public static string? FindBytes(ContentEntity file) => throw new NotImplementedException();
    }
}
