using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DrupalOAuth.Errors;
using DrupalOAuth.Incremental;
using DrupalOAuth.Input;
using DrupalOAuth.Json;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// What Get-DrupalEntity asks for: which resource type, and the filter, sort, includes, sparse fieldsets,
    /// language and page size. Checked when made, so that a wrong filter is refused before anything is sent.
    /// </summary>
    public sealed class EntityQuery
    {
        private static readonly Regex LanguageCode = new Regex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant);

        /// <summary>Drupal's field for when an entity was last saved, in whole seconds.</summary>
        internal const string ChangedField = "changed";

        private static readonly string[] ChangeOrder = { ChangedField, "id" };

        private readonly IReadOnlyList<KeyValuePair<string, string>> _filter;
        private readonly object? _property;
        private readonly bool _byChange;
        private readonly long? _changedSince;
        private readonly bool _idsOnly;
        private readonly IReadOnlyList<string> _amongIds = Array.Empty<string>();
        private readonly ChangeKey? _after;

        /// <summary>A -Filter with -Id joined to it as an IN condition on id (the cmdlets that take both); without ids, the filter as it is.</summary>
        public static IDictionary? WithIds(IDictionary? filter, IReadOnlyList<string>? ids)
        {
            if (ids == null)
            {
                return filter;
            }

            var merged = new Hashtable();
            if (filter != null)
            {
                foreach (DictionaryEntry entry in filter)
                {
                    merged[entry.Key] = entry.Value;
                }
            }

            merged["id"] = new Hashtable { ["operator"] = "IN", ["value"] = ids };
            return merged;
        }

        public EntityQuery(
            string? entityType,
            string? bundle = null,
            IDictionary? filter = null,
            IReadOnlyList<string>? sort = null,
            IReadOnlyList<string>? include = null,
            object? property = null,
            string? language = null,
            int? pageSize = null)
        {
            if (string.IsNullOrWhiteSpace(entityType))
            {
                throw new DrupalException(
                    "InvalidEntityType",
                    DrupalErrorCategory.InvalidArgument,
                    "No entity type was given. Pass an entity type such as node, user or taxonomy_term (with -Bundle, such as article), or a JSON:API resource type such as node--article.");
            }

            if (language != null && !LanguageCode.IsMatch(language))
            {
                throw new DrupalException(
                    "InvalidLanguage",
                    DrupalErrorCategory.InvalidArgument,
                    $"-Language '{language}' is not a language code. Pass the code of one of the site's languages, such as es or pt-br.",
                    language);
            }

            if (pageSize is int size && size < 1)
            {
                throw new DrupalException("InvalidPageSize", DrupalErrorCategory.InvalidArgument, $"-PageSize must be 1 or more, not {size}.", size);
            }

            EntityType = entityType!.Trim();
            Bundle = string.IsNullOrWhiteSpace(bundle) ? null : bundle!.Trim();
            Sort = Clean(sort, "-Sort", "'title', '-created'");
            Include = Clean(include, "-Include", "'uid', 'field_tags'");
            Language = language;
            PageSize = pageSize;
            _property = Unwrap(property);
            _filter = JsonApiFilter.ToQuery(filter);
        }

        private EntityQuery(EntityQuery from, IReadOnlyList<string> sort, IReadOnlyList<string> include, bool byChange, long? changedSince, bool idsOnly, IReadOnlyList<string>? amongIds = null, ChangeKey? after = null)
        {
            _amongIds = amongIds ?? Array.Empty<string>();
            _after = after;
            EntityType = from.EntityType;
            Bundle = from.Bundle;
            Language = from.Language;
            PageSize = from.PageSize;
            _filter = from._filter;
            _property = from._property;
            Sort = sort;
            Include = include;
            _byChange = byChange;
            _changedSince = changedSince;
            _idsOnly = idsOnly;
        }

        public string EntityType { get; }

        public string? Bundle { get; }

        public IReadOnlyList<string> Sort { get; }

        public IReadOnlyList<string> Include { get; }

        public string? Language { get; }

        public int? PageSize { get; }

        /// <summary>
        /// The same read in the order of <c>changed</c>, then id, so that paging stays stable while the site changes
        /// (a change moves an entity to the end), and, with <paramref name="changedSince"/> (Unix seconds), only the
        /// entities changed at or after it, ANDed with the filter. -Property gains changed, which the read needs.
        /// </summary>
        internal EntityQuery ByChange(long? changedSince)
        {
            if (Sort.Count > 0)
            {
                throw new DrupalException(
                    "InvalidArgument",
                    DrupalErrorCategory.InvalidArgument,
                    "-ChangedSince and -StatePath read in the order of changed (then id), so that no item is lost while the site changes: leave -Sort out.",
                    "-Sort");
            }

            return new EntityQuery(this, ChangeOrder, Include, byChange: true, changedSince, idsOnly: false);
        }

        /// <summary>
        /// The same read by change from the items after <paramref name="key"/> on (keyset paging): the next page of a
        /// read that an item saved or deleted meanwhile does not shift.
        /// </summary>
        internal EntityQuery After(ChangeKey key) => new EntityQuery(this, Sort, Include, _byChange, _changedSince, idsOnly: false, after: key);

        /// <summary>Only the ids of the same selection (a sparse fieldset of changed, nothing included), in the order of id.</summary>
        /// <param name="among">Only these ids (an IN filter ANDed with the others): a look whether they are still there.</param>
        internal EntityQuery IdsOnly(IReadOnlyList<string>? among = null) => new EntityQuery(this, new[] { "id" }, Array.Empty<string>(), byChange: false, changedSince: null, idsOnly: true, among);

        /// <summary>
        /// What a state file of -StatePath belongs to beyond the site, client and type: a hash of the filter,
        /// includes, fields and language, the same in every process whatever order a hashtable gives its keys.
        /// </summary>
        internal string Selection(string typeName)
        {
            var parameters = Parameters(typeName, collection: true, limit: null, offset: 0)
                .Select(pair => pair.Key + "=" + pair.Value)
                .OrderBy(pair => pair, StringComparer.Ordinal);
            var text = "language=" + (Language ?? string.Empty).ToLowerInvariant() + "\n" + string.Join("\n", parameters);
            using var sha = SHA256.Create();
            return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }

        /// <summary>The query parameters of a read of <paramref name="typeName"/>; a single resource takes no filter, sort or page.</summary>
        internal IEnumerable<KeyValuePair<string, string>> Parameters(string typeName, bool collection, int? limit, ulong offset)
        {
            if (collection)
            {
                foreach (var pair in _filter)
                {
                    yield return pair;
                }

                if (_changedSince is long since)
                {
                    // A name no -Filter key gives: JSON:API ANDs the conditions of the top level.
                    yield return Pair("filter[changed-since][condition][path]", ChangedField);
                    yield return Pair("filter[changed-since][condition][operator]", ">=");
                    yield return Pair("filter[changed-since][condition][value]", since.ToString(CultureInfo.InvariantCulture));
                }

                foreach (var pair in _after?.Filter() ?? Enumerable.Empty<KeyValuePair<string, string>>())
                {
                    yield return pair;
                }

                if (_amongIds.Count > 0)
                {
                    yield return Pair("filter[ids-among][condition][path]", "id");
                    yield return Pair("filter[ids-among][condition][operator]", "IN");
                    foreach (var id in _amongIds)
                    {
                        yield return Pair("filter[ids-among][condition][value][]", id);
                    }
                }

                if (Sort.Count > 0)
                {
                    yield return Pair("sort", string.Join(",", Sort));
                }

                if (offset > 0)
                {
                    yield return Pair("page[offset]", offset.ToString(CultureInfo.InvariantCulture));
                }

                if (limit is int pageLimit)
                {
                    yield return Pair("page[limit]", pageLimit.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (Include.Count > 0)
            {
                yield return Pair("include", string.Join(",", Include));
            }

            if (_idsOnly)
            {
                yield return Pair($"fields[{typeName}]", ChangedField);
                yield break;
            }

            foreach (var fields in Fields(typeName))
            {
                var names = _byChange && fields.Key == typeName && !fields.Value.Contains(ChangedField) ? fields.Value.Concat(new[] { ChangedField }) : fields.Value;
                yield return Pair($"fields[{fields.Key}]", string.Join(",", names));
            }
        }

        /// <summary>-Property: field names of the main type, or a dictionary of type name to field names.</summary>
        private IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Fields(string typeName)
        {
            var walk = new InputWalk("-Property");
            switch (_property)
            {
                case null:
                    yield break;
                case IDictionary byType:
                    using (walk.Enter(byType, string.Empty))
                    {
                        foreach (DictionaryEntry entry in byType)
                        {
                            var type = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                            yield return new KeyValuePair<string, IReadOnlyList<string>>(
                                type,
                                Clean(Names(walk, entry.Value, type), "-Property", "@{ 'node--article' = 'title', 'created'; 'user--user' = 'name' }"));
                        }
                    }

                    break;
                case var names:
                    yield return new KeyValuePair<string, IReadOnlyList<string>>(typeName, Clean(Names(walk, names, string.Empty), "-Property", "'title', 'created'"));
                    break;
            }
        }

        /// <summary>A hashtable given as -Property arrives as the one item of an array.</summary>
        private static object? Unwrap(object? property)
        {
            property = PowerShellValue.Unwrap(property);
            return property is object?[] one && one.Length == 1 && PowerShellValue.Unwrap(one[0]) is IDictionary byType ? byType : property;
        }

        private static IReadOnlyList<string> Names(InputWalk walk, object? value, string name) =>
            (walk.Items(value, name) ?? new[] { walk.Single(value, name) }).Select(item => Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty).ToList();

        private static IReadOnlyList<string> Clean(IReadOnlyList<string>? names, string parameter, string example)
        {
            if (names == null)
            {
                return Array.Empty<string>();
            }

            var cleaned = names.SelectMany(n => (n ?? string.Empty).Split(',')).Select(n => n.Trim()).ToList();
            if (cleaned.Any(n => n.Length == 0))
            {
                throw new DrupalException(
                    "InvalidFieldName",
                    DrupalErrorCategory.InvalidArgument,
                    $"{parameter} holds an empty name. Pass field names, such as {example}.",
                    parameter);
            }

            return cleaned;
        }

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
