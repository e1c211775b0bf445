using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// A folder in core's layout: <c>&lt;entity_type&gt;/&lt;uuid&gt;.yml</c>, and a file entity's bytes beside its YAML
    /// under the last segment of its <c>uri</c> (where core's importer looks for them).
    /// </summary>
    public sealed class ContentFolder
    {
        private static readonly char[] Separators = { '/', '\\' };

        public ContentFolder(string root)
        {
            Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
        }

        public string Root { get; }

        /// <summary>
        /// Reads every <c>*.yml</c> and <c>*.json</c> under <paramref name="root"/> (any depth, as core's importer does),
        /// setting each entity's SourcePath and, with <paramref name="hashFiles"/> (a comparison: an import never needs
        /// them, and would read every file's bytes twice), FileHash of the file entities whose bytes are there. A file
        /// that does not parse is a problem, not an exception; a missing folder is a DrupalException (ContentFolderNotFound).
        /// </summary>
        public static ContentFolderContents Read(string root, CancellationToken cancellationToken, bool hashFiles = false)
        {
            var full = Path.GetFullPath(root);
            if (!Directory.Exists(full))
            {
                throw ContentFileErrors.FolderNotFound(full);
            }

            var paths = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(p => HasExtension(p, ".yml") || HasExtension(p, ".json"))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
            var entities = new List<ContentEntity>();
            var problems = new List<ContentProblem>();
            var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ContentEntity entity;
                try
                {
                    entity = ReadFile(path);
                    entity.SourcePath = path;
                    // FindBytes also refuses a uri that would lead outside the folder, hashed or not.
                    if (entity.IsFile && FindBytes(entity) is string bytes && hashFiles)
                    {
                        entity.FileHash = Hash(bytes);
                    }
                }
                catch (DrupalException e)
                {
                    // ContentFileErrors name their target: this file, or (a uri refused) the folder beside it.
                    problems.Add(new ContentProblem(path, null, Equals(e.Target, path) ? e.Message : $"'{path}': {e.Message}"));
                    continue;
                }
                catch (Exception e) when (FailureClassifier.IsFileSystem(e))
                {
                    problems.Add(new ContentProblem(path, null, $"'{path}' could not be read: {e.Message.TrimEnd('.')}."));
                    continue;
                }

                if (first.TryGetValue(entity.Uuid, out var earlier))
                {
                    problems.Add(new ContentProblem(path, entity.Uuid, $"'{path}' is a second file for {entity.EntityType} {entity.Uuid}, which '{earlier}' already holds; it was left out. Remove one of the two."));
                    continue;
                }

                first[entity.Uuid] = path;
                entities.Add(entity);
            }

            return new ContentFolderContents(full, entities, problems);
        }

        /// <summary>Writes <c>&lt;root&gt;/&lt;entity_type&gt;/&lt;uuid&gt;.yml</c> through a temporary file and a move; returns its path.</summary>
        public string Write(ContentEntity entity)
        {
            if (!ContentDocument.IsUuid(entity.Uuid))
            {
                throw ContentFileErrors.Refused(Root, $"The UUID '{entity.Uuid}' is not a UUID");
            }

            var folder = Path.Combine(Root, Segment(entity.EntityType, $"The entity type '{entity.EntityType}'"));
            var path = Path.Combine(folder, entity.Uuid + ".yml");

            var text = ContentYaml.Write(entity);
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw ContentFileErrors.WriteFailed(path, e);
            }

            using var file = new OutFile(path, e => ContentFileErrors.WriteFailed(path, e));
            try
            {
                using (var stream = file.Open())
                {
                    var bytes = new UTF8Encoding(false).GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                }
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw ContentFileErrors.WriteFailed(path, e);
            }

            file.Commit();
            return path;
        }

        /// <summary>Where the export puts a file entity's bytes: <c>&lt;root&gt;/file/&lt;last segment of uri&gt;</c>.</summary>
        public string BytesPath(ContentEntity file) =>
            Path.Combine(Root, "file", BytesName(file, Root));

        /// <summary>Where core's importer finds a read file entity's bytes (beside its SourcePath); null when they are not there.</summary>
        public static string? FindBytes(ContentEntity file)
        {
            var folder = file.SourcePath == null ? null : Path.GetDirectoryName(file.SourcePath);
            if (folder == null)
            {
                return null;
            }

            var path = Path.Combine(folder, BytesName(file, folder));
            return File.Exists(path) ? path : null;
        }

        /// <summary>SHA-256 of a file's bytes, lower-case hex, read as a stream.</summary>
        internal static string Hash(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
            using var sha = SHA256.Create();
            return Hex(sha.ComputeHash(stream));
        }

        /// <summary>A hash as FileHash holds it: lower-case hex.</summary>
        internal static string Hex(byte[] hash) => string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        // The last segment of the uri, which is the name core's importer looks for (not filename: an upload renamed
        // to a_0.png keeps its filename a.png).
        private static string BytesName(ContentEntity file, string folder)
        {
            var uri = ContentEntity.Items(file.Fields, "uri").FirstOrDefault()?["value"] as string;
            if (string.IsNullOrEmpty(uri))
            {
                throw ContentFileErrors.Invalid(file.SourcePath ?? file.ToString(), null, $"the file entity {file.Uuid} has no uri");
            }

            var name = uri!.Substring(uri.LastIndexOfAny(Separators) + 1);
            return Segment(name, $"The uri '{uri}' of file {file.Uuid}", folder);
        }

        private static bool HasExtension(string path, string extension) =>
            string.Equals(Path.GetExtension(path), extension, StringComparison.OrdinalIgnoreCase);

        private string Segment(string name, string what) => Segment(name, what, Root);

        // One path segment that stays inside the folder: no separator, no "." or "..", nothing a file name cannot hold.
        private static string Segment(string name, string what, string folder)
        {
            if (name.Length == 0 || name == "." || name == ".." || name.IndexOfAny(Separators) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.IndexOf(':') >= 0)
            {
                throw ContentFileErrors.Refused(folder, $"{what} is no single file name");
            }

            return name;
        }

        private static ContentEntity ReadFile(string path)
        {
            if (HasExtension(path, ".json"))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
                return ContentJson.Read(stream, path);
            }

            using var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            return ContentYaml.Read(reader, path);
        }
    }
}
