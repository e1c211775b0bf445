using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Http;
using DrupalOAuth.Json;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The one resolver of a sheet session: entities of a resource type by the values of one field (ids, labels,
    /// keys), asked for in IN filters of up to <see cref="BatchSize"/> values, every page read, and kept for the
    /// session, so that a value is asked for once however many rows name it. Every request it makes is counted.
    /// </summary>
    internal sealed class SiteLookup
    {
        public const int BatchSize = 50;

        /// <summary>
        /// The most characters of encoded values one lookup's address carries: Apache refuses a request line over
        /// 8190 bytes (414), and fifty long titles would pass it.
        /// </summary>
        public const int QueryBudget = 6000;

        /// <summary>What each value adds to the address besides itself: the encoded filter[lookup][condition][value][]= and the '&amp;'.</summary>
        private const int PerValue = 56;

        /// <summary>Users: looked up by name, or by the display name a consumer without "access user profiles" sees.</summary>
        public const string UserType = "user--user";

        private readonly JsonApiClient _client;
        private readonly CallOptions _options;
        private readonly Dictionary<string, Dictionary<string, List<PSObject>>> _found = new Dictionary<string, Dictionary<string, List<PSObject>>>(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<PSObject>> _listed = new Dictionary<string, IReadOnlyList<PSObject>>(StringComparer.Ordinal);
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private int _requests;

        public SiteLookup(JsonApiClient client, CallOptions options)
        {
            _client = client;
            _options = options;
        }

        /// <summary>The requests made so far (pages of lookups, and what <see cref="CountRequest"/> adds).</summary>
        public int Requests => Volatile.Read(ref _requests);

        public void CountRequest() => Interlocked.Increment(ref _requests);

        /// <summary>
        /// The entities of <paramref name="typeName"/> whose <paramref name="path"/> is one of <paramref name="values"/>,
        /// by value; a value that matches nothing maps to an empty list. Text is matched exactly, then (as Drupal's
        /// database compares) regardless of case.
        /// </summary>
        /// <param name="fields">A sparse fieldset (the label fields); null for whole entities.</param>
        public async Task<IReadOnlyDictionary<string, IReadOnlyList<PSObject>>> FindAsync(string typeName, string path, IEnumerable<string> values, IReadOnlyList<string>? fields, IDrupalLog log, CancellationToken cancellationToken)
        {
            var key = typeName + "\n" + path + "\n" + (fields == null ? "*" : string.Join(",", fields));
            var wanted = values.Distinct(StringComparer.Ordinal).ToList();
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_found.TryGetValue(key, out var known))
                {
                    known = new Dictionary<string, List<PSObject>>(StringComparer.OrdinalIgnoreCase);
                    _found[key] = known;
                }

                var missing = wanted.Where(v => !known.ContainsKey(v)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (missing.Count > 0)
                {
                    var before = Requests;
                    foreach (var value in missing)
                    {
                        known[value] = new List<PSObject>();
                    }

                    foreach (var batch in Batches(missing))
                    {
                        var filter = new Hashtable { ["lookup"] = new Hashtable { ["path"] = path, ["operator"] = "IN", ["value"] = batch } };
                        foreach (var entity in await ReadAllAsync(new EntityQuery(typeName, filter: filter, property: fields?.ToArray(), pageSize: BatchSize), log, cancellationToken).ConfigureAwait(false))
                        {
                            if (Text(entity, path) is string found && known.TryGetValue(found, out var matches) && !matches.Any(m => SameId(m, entity)))
                            {
                                matches.Add(entity);
                            }
                        }
                    }

                    log.Verbose($"Looked up {missing.Count} {typeName} {Described(typeName, path)} in {Requests - before} requests.");
                    if (string.Equals(typeName, UserType, StringComparison.Ordinal) && missing.Where(v => known[v].Count == 0).ToList() is var unmatched && unmatched.Count > 0)
                    {
                        await MatchListedUsersAsync(path, unmatched, known, log, cancellationToken).ConfigureAwait(false);
                    }
                }

                return wanted.ToDictionary(v => v, v => (IReadOnlyList<PSObject>)Exact(known[v], path, v), StringComparer.Ordinal);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>A field of a flat entity as text ("id", "name", "field_external_id"); null when it has none.</summary>
        public static string? Text(PSObject entity, string path)
        {
            var value = PowerShellValue.Unwrap(entity.Properties[path]?.Value);
            return value == null || PowerShellValue.IsObject(value) ? null : CellConverter.Text(value);
        }

        public static string? Id(PSObject entity) => Text(entity, "id");

        /// <summary>The fields a lookup of related entities reads: the label, and for users the display name too.</summary>
        public static IReadOnlyList<string> LabelFields(string typeName) =>
            string.Equals(typeName, UserType, StringComparison.Ordinal) ? new[] { LabelField.For(typeName), LabelField.DisplayName } : new[] { LabelField.For(typeName) };

        /// <summary>The values in batches of up to <see cref="BatchSize"/>, fewer when they are long (<see cref="QueryBudget"/>).</summary>
        internal static IEnumerable<string[]> Batches(IReadOnlyList<string> values)
        {
            var batch = new List<string>();
            var length = 0;
            foreach (var value in values)
            {
                var cost = Uri.EscapeDataString(value).Length + PerValue;
                if (batch.Count > 0 && (batch.Count == BatchSize || length + cost > QueryBudget))
                {
                    yield return batch.ToArray();
                    batch.Clear();
                    length = 0;
                }

                batch.Add(value);
                length += cost;
            }

            if (batch.Count > 0)
            {
                yield return batch.ToArray();
            }
        }

        /// <summary>Every entity of the type with only <paramref name="fields"/>, read once for the session.</summary>
        private async Task<IReadOnlyList<PSObject>> ListUnlockedAsync(string typeName, IReadOnlyList<string> fields, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (!_listed.TryGetValue(typeName, out var all))
            {
                var before = Requests;
                all = await ReadAllAsync(new EntityQuery(typeName, property: fields.ToArray(), pageSize: BatchSize), log, cancellationToken).ConfigureAwait(false);
                _listed[typeName] = all;
                log.Verbose($"Listed {all.Count} {typeName} in {Requests - before} requests, to match by {string.Join(" and ", fields)}.");
            }

            return all;
        }

        /// <summary>
        /// Drupal answers any filter on users with the consumer's own account only, unless its user may "access user
        /// profiles" (jsonapi_jsonapi_user_filter_access; a filter on display_name is a 500): values that matched
        /// nothing are looked for among the listed users, a name as the display name first, so that none is missed.
        /// </summary>
        private async Task MatchListedUsersAsync(string path, IReadOnlyList<string> unmatched, Dictionary<string, List<PSObject>> known, IDrupalLog log, CancellationToken cancellationToken)
        {
            var users = await ListUnlockedAsync(UserType, LabelFields(UserType), log, cancellationToken).ConfigureAwait(false);
            foreach (var value in unmatched)
            {
                var matches = string.Equals(path, LabelField.For(UserType), StringComparison.Ordinal) && Matching(users, LabelField.DisplayName, value) is var byDisplay && byDisplay.Count > 0
                    ? byDisplay
                    : Matching(users, path, value);
                known[value].AddRange(matches);
            }
        }

        private static List<PSObject> Matching(IReadOnlyList<PSObject> entities, string path, string value) =>
            entities.Where(e => string.Equals(Text(e, path), value, StringComparison.OrdinalIgnoreCase)).ToList();

        private async Task<IReadOnlyList<PSObject>> ReadAllAsync(EntityQuery query, IDrupalLog log, CancellationToken cancellationToken)
        {
            var pager = new EntityPager(_client, query, new PagingScope(all: true), raw: false, _options);
            var entities = new List<PSObject>();
            while (await pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false) is ResultPage page)
            {
                CountRequest();
                entities.AddRange(page.Items.Select(PowerShellValue.Unwrap).OfType<PSObject>());
            }

            foreach (var warning in pager.Finish())
            {
                log.Verbose(warning);
            }

            return entities;
        }

        /// <summary>The exact matches when there are any, else all (those that differ only in case).</summary>
        private static List<PSObject> Exact(List<PSObject> matches, string path, string value)
        {
            var exact = matches.Where(m => string.Equals(Text(m, path), value, StringComparison.Ordinal)).ToList();
            return exact.Count > 0 ? exact : matches;
        }

        private static bool SameId(PSObject a, PSObject b) => string.Equals(Id(a), Id(b), StringComparison.Ordinal);

        private static string Described(string typeName, string path) =>
            path == "id" ? "ids" : path == LabelField.For(typeName) || path == LabelField.DisplayName ? "labels" : "'" + path + "' values";
    }
}
