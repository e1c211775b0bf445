using System;
using System.Collections.Generic;
using System.Linq;

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
        /// <summary>The name under which differing file bytes are reported (and which -ExcludeField can name).</summary>
        public const string FileHashField = "FileHash";

        private static readonly HashSet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
        {
            "revision_uid", "revision_user", "revision_log", "revision_translation_affected",
            "content_translation_source", "content_translation_outdated",

            // What core's exporter leaves out, in case a side (a hand-made folder, another tool's) carries it anyway.
            "created", "changed", "revision_timestamp", "revision_created", "revision_default", "default_langcode", "langcode",

            // A user's password hash differs per site and is never readable over JSON:API.
            "pass",
        };

        private const string PathField = "path";

        private const string UserType = "user";

        private static readonly HashSet<string> IgnoredForFiles = new HashSet<string>(StringComparer.Ordinal) { "uri", "uid" };

        private readonly HashSet<string> _excluded;
        private readonly bool _includeEqual;

        public ContentComparer(IEnumerable<string>? excludeFields, bool includeEqual)
        {
            // Field names are case-sensitive in Drupal, but no two fields differ by case alone; PowerShell users expect -ExcludeField Title to work.
            _excluded = new HashSet<string>(excludeFields ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            _includeEqual = includeEqual;
        }

        /// <summary>The fields compared by default are all but these.</summary>
        public static IReadOnlyCollection<string> IgnoredFields => Ignored;

        /// <summary>
        /// All differences between two sets: <c>&lt;=</c>, <c>=&gt;</c>, one <c>&lt;&gt;</c> per differing field, and
        /// with includeEqual <c>==</c>; ordered by entity type, then label, then UUID, then field.
        /// </summary>
        /// <remarks>
        /// Within an entity: <c>_meta.bundle</c> and <c>_meta.default_langcode</c>, the default translation's fields by
        /// name, <see cref="FileHashField"/>, then each translation by langcode: one <c>translations.es</c> when only one
        /// side has it, else its fields by name, a field it leaves out having the default translation's value.
        /// </remarks>
        public IEnumerable<ContentDifference> Compare(IReadOnlyList<ContentEntity> reference, IReadOnlyList<ContentEntity> difference)
        {
            if (reference == null)
            {
                throw new ArgumentNullException(nameof(reference));
            }

            if (difference == null)
            {
                throw new ArgumentNullException(nameof(difference));
            }

            return ComparePairs(Pair(reference, difference, out var sameFile), sameFile);
        }

        /// <summary>
        /// The fields of <paramref name="wanted"/> whose items differ from <paramref name="existing"/>'s (a field
        /// <paramref name="existing"/> lacks counts as empty), default translation only, by name;
        /// <paramref name="sameFile"/> says whether a wanted file UUID and an existing one are the same file.
        /// </summary>
        /// <remarks>
        /// A field only <paramref name="existing"/> has is never listed: it is left as the site has it, since the folder
        /// may come from a site without that field. Ignored and excluded fields are never listed either.
        /// </remarks>
        public IReadOnlyList<string> DifferingFields(ContentMap wanted, ContentMap existing, Func<string, string, bool>? sameFile)
        {
            if (wanted == null)
            {
                throw new ArgumentNullException(nameof(wanted));
            }

            if (existing == null)
            {
                throw new ArgumentNullException(nameof(existing));
            }

            var result = new List<string>();
            foreach (var field in wanted.Keys)
            {
                if (!IsSkipped(field, field, isFile: false)
                    && !ContentValues.ItemsEqual(StoredItems(wanted, field), StoredItems(existing, field), sameFile))
                {
                    result.Add(field);
                }
            }

            return result;
        }

        /// <summary>
        /// The languages of a folder's translations, for the site side compared with it: core lists a site's languages
        /// only to those who administer them, so a consumer that may not would read none, and each translation of the
        /// folder would look missing. Null (the site's own list) when the folder has none.
        /// </summary>
        public static IReadOnlyList<string>? TranslationLanguages(IEnumerable<ContentEntity> folder)
        {
            var languages = folder.SelectMany(e => e.Translations.Keys).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).ToList();
            return languages.Count == 0 ? null : languages;
        }

        /// <summary>
        /// A folder's entities as a site side reads them: without users (a site shows a consumer little of its users,
        /// and an import maps them), unless they are compared on purpose: with -IncludeUsers, or a site side that reads
        /// users (-EntityType user or user--user; not user_role).
        /// </summary>
        public static IReadOnlyList<ContentEntity> AsSiteReads(IReadOnlyList<ContentEntity> folder, bool includeUsers, string? entityType = null) =>
            includeUsers || ReadsUsers(entityType) ? folder : folder.Where(e => e.EntityType != UserType).ToList();

        private static bool ReadsUsers(string? entityType)
        {
            var type = entityType?.Trim();
            return type == UserType || (type != null && type.StartsWith(UserType + "--", StringComparison.Ordinal));
        }

        /// <summary>Items as compact text, YAML flow style: <c>[{value: 'Article 1'}]</c>.</summary>
        public static string Render(IReadOnlyList<ContentMap> items) => ContentValues.Render(items ?? throw new ArgumentNullException(nameof(items)));

        private static List<KeyValuePair<ContentEntity?, ContentEntity?>> Pair(
            IReadOnlyList<ContentEntity> reference, IReadOnlyList<ContentEntity> difference, out Func<string, string, bool> sameFile)
        {
            var differenceByUuid = ByUuid(difference);
            var referenceByUuid = ByUuid(reference);

            // Files only on one side by UUID, matched by what they hold: an upload gets a UUID of the site's choosing.
            var unmatchedFiles = new Dictionary<string, Queue<ContentEntity>>(StringComparer.Ordinal);
            foreach (var entity in Distinct(difference, differenceByUuid))
            {
                if (FileKey(entity) is string key && !referenceByUuid.ContainsKey(entity.Uuid))
                {
                    if (!unmatchedFiles.TryGetValue(key, out var queue))
                    {
                        unmatchedFiles[key] = queue = new Queue<ContentEntity>();
                    }

                    queue.Enqueue(entity);
                }
            }

            var fileMatches = new Dictionary<string, string>(StringComparer.Ordinal);
            var pairs = new List<KeyValuePair<ContentEntity?, ContentEntity?>>();
            var paired = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entity in Distinct(reference, referenceByUuid))
            {
                if (!differenceByUuid.TryGetValue(entity.Uuid, out var other)
                    && FileKey(entity) is string key && unmatchedFiles.TryGetValue(key, out var queue) && queue.Count > 0)
                {
                    other = queue.Dequeue();
                    fileMatches[entity.Uuid] = other.Uuid;
                }

                if (other != null)
                {
                    paired.Add(other.Uuid);
                }

                pairs.Add(new KeyValuePair<ContentEntity?, ContentEntity?>(entity, other));
            }

            foreach (var entity in Distinct(difference, differenceByUuid))
            {
                if (!paired.Contains(entity.Uuid))
                {
                    pairs.Add(new KeyValuePair<ContentEntity?, ContentEntity?>(null, entity));
                }
            }

            sameFile = (left, right) => fileMatches.TryGetValue(left, out var matched) && string.Equals(matched, right, StringComparison.Ordinal);
            return pairs
                .OrderBy(p => (p.Key ?? p.Value)!.EntityType, StringComparer.Ordinal)
                .ThenBy(p => (p.Key ?? p.Value)!.Label ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(p => (p.Key ?? p.Value)!.Uuid, StringComparer.Ordinal)
                .ToList();
        }

        private IEnumerable<ContentDifference> ComparePairs(List<KeyValuePair<ContentEntity?, ContentEntity?>> pairs, Func<string, string, bool> sameFile)
        {
            foreach (var pair in pairs)
            {
                var left = pair.Key;
                var right = pair.Value;
                if (left == null || right == null)
                {
                    var only = (left ?? right)!;
                    yield return new ContentDifference(
                        only.Uuid, only.EntityType, only.Bundle, only.Label,
                        left == null ? ContentDifference.OnlyInDifference : ContentDifference.OnlyInReference, null, null, null);
                    continue;
                }

                var any = false;
                foreach (var difference in FieldDifferences(left, right, sameFile))
                {
                    any = true;
                    yield return difference;
                }

                if (!any && _includeEqual)
                {
                    yield return new ContentDifference(left.Uuid, left.EntityType, left.Bundle, left.Label, ContentDifference.Equal, null, null, null);
                }
            }
        }

        private IEnumerable<ContentDifference> FieldDifferences(ContentEntity left, ContentEntity right, Func<string, string, bool> sameFile)
        {
            var isFile = left.IsFile;
            if (!string.Equals(left.Bundle, right.Bundle, StringComparison.Ordinal) && !IsSkipped("_meta.bundle", "_meta.bundle", isFile))
            {
                yield return Different(left, "_meta.bundle", Scalar(left.Bundle), Scalar(right.Bundle));
            }

            if (!string.Equals(left.DefaultLangcode, right.DefaultLangcode, StringComparison.Ordinal)
                && !IsSkipped("_meta.default_langcode", "_meta.default_langcode", isFile))
            {
                yield return Different(left, "_meta.default_langcode", Scalar(left.DefaultLangcode), Scalar(right.DefaultLangcode));
            }

            foreach (var difference in Fields(left, left.Fields, right.Fields, string.Empty, isFile, sameFile))
            {
                yield return difference;
            }

            if (isFile && !string.Equals(left.FileHash, right.FileHash, StringComparison.OrdinalIgnoreCase) && !IsSkipped(FileHashField, FileHashField, isFile))
            {
                yield return Different(left, FileHashField, Scalar(left.FileHash), Scalar(right.FileHash));
            }

            foreach (var langcode in left.Translations.Keys.Union(right.Translations.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                var prefix = "translations." + langcode;
                var inLeft = left.Translations.TryGetValue(langcode, out var leftFields);
                var inRight = right.Translations.TryGetValue(langcode, out var rightFields);
                if (!inLeft || !inRight)
                {
                    if (!IsSkipped(prefix, prefix, isFile))
                    {
                        yield return Different(left, prefix, inLeft ? ContentValues.Render(leftFields) : null, inRight ? ContentValues.Render(rightFields) : null);
                    }

                    continue;
                }

                foreach (var difference in Fields(left, leftFields!, rightFields!, prefix + ".", isFile, sameFile, left.Fields, right.Fields))
                {
                    yield return difference;
                }
            }
        }

        /// <param name="leftDefault">For a translation: the default translation's fields, whose value a field the translation leaves out has (an exporter may write only what differs).</param>
        private IEnumerable<ContentDifference> Fields(
            ContentEntity entity, ContentMap left, ContentMap right, string prefix, bool isFile, Func<string, string, bool> sameFile,
            ContentMap? leftDefault = null, ContentMap? rightDefault = null)
        {
            foreach (var field in FieldNames(left, right).OrderBy(f => f, StringComparer.Ordinal))
            {
                var name = prefix + field;
                if (IsSkipped(field, name, isFile))
                {
                    continue;
                }

                var leftItems = StoredItems(leftDefault != null && !left.ContainsKey(field) ? leftDefault : left, field);
                var rightItems = StoredItems(rightDefault != null && !right.ContainsKey(field) ? rightDefault : right, field);
                if (!ContentValues.ItemsEqual(leftItems, rightItems, sameFile))
                {
                    yield return Different(entity, name, leftItems.Count == 0 ? null : Render(leftItems), rightItems.Count == 0 ? null : Render(rightItems));
                }
            }
        }

        /// <summary>
        /// A field's items without what the site computes (core's folders carry a comment field's statistics), and a
        /// path without its langcode: always the translation's own, it is left out of a translation by one side and
        /// written by the other.
        /// </summary>
        private static IReadOnlyList<ContentMap> StoredItems(ContentMap fields, string field) =>
            ContentEntity.Items(fields, field).Select(item => field == PathField ? WithoutLangcode(item) : ResourceMapper.Stored(field, item)).ToList();

        private static ContentMap WithoutLangcode(ContentMap item)
        {
            var copy = new ContentMap();
            foreach (var property in ResourceMapper.Stored(PathField, item))
            {
                if (property.Key != "langcode")
                {
                    copy[property.Key] = property.Value;
                }
            }

            return copy;
        }

        private static IEnumerable<string> FieldNames(ContentMap first, ContentMap second)
        {
            foreach (var key in first.Keys)
            {
                yield return key;
            }

            foreach (var key in second.Keys)
            {
                if (!first.ContainsKey(key))
                {
                    yield return key;
                }
            }
        }

        private bool IsSkipped(string field, string name, bool isFile) =>
            Ignored.Contains(field) || (isFile && IgnoredForFiles.Contains(field)) || _excluded.Contains(field) || _excluded.Contains(name);

        private static ContentDifference Different(ContentEntity entity, string field, string? referenceValue, string? differenceValue) =>
            new ContentDifference(entity.Uuid, entity.EntityType, entity.Bundle, entity.Label, ContentDifference.Different, field, referenceValue, differenceValue);

        private static string? Scalar(string? value) => value == null ? null : ContentValues.Render(value);

        private static string? FileKey(ContentEntity entity)
        {
            if (!entity.IsFile || entity.FileHash == null)
            {
                return null;
            }

            var filename = ContentEntity.Items(entity.Fields, "filename").FirstOrDefault()?["value"] as string;
            return filename == null ? null : filename + "\n" + entity.FileHash.ToLowerInvariant();
        }

        private static Dictionary<string, ContentEntity> ByUuid(IReadOnlyList<ContentEntity> entities)
        {
            var result = new Dictionary<string, ContentEntity>(StringComparer.Ordinal);
            foreach (var entity in entities)
            {
                if (!result.ContainsKey(entity.Uuid))
                {
                    result.Add(entity.Uuid, entity);
                }
            }

            return result;
        }

        /// <summary>The entities in input order, a UUID's first only (a folder reader reports the others).</summary>
        private static IEnumerable<ContentEntity> Distinct(IReadOnlyList<ContentEntity> entities, Dictionary<string, ContentEntity> byUuid) =>
            entities.Where(e => ReferenceEquals(byUuid[e.Uuid], e));
    }
}
