using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Json;
using DrupalOAuth.JsonApi;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Learns a resource type's fields from the site's own data: the first page of the collection, then, for each
    /// field still unknown (null on that page), one entity where it is not null. A field no entity fills stays
    /// unknown: its cells go as text, and a relationship then needs -ReferenceType.
    /// </summary>
    internal static class BundleFieldsReader
    {
        private const string FirstPageLimit = "50";

        public static async Task<BundleFields> ReadAsync(JsonApiClient client, KeyValuePair<string, Uri> type, SiteLookup lookup, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var fields = await LearnAsync(client, type, new[] { Pair("page[limit]", FirstPageLimit) }, null, lookup, options, log, cancellationToken).ConfigureAwait(false);
            foreach (var name in fields.Unknown.ToList())
            {
                var probe = JsonApiFilter.ToQuery(new Hashtable { ["known"] = new Hashtable { ["path"] = name, ["operator"] = "IS NOT NULL" } })
                    .Concat(new[] { Pair("page[limit]", "1"), Pair($"fields[{type.Key}]", name) });
                try
                {
                    fields = await LearnAsync(client, type, probe, fields, lookup, options, log, cancellationToken).ConfigureAwait(false);
                }
                catch (DrupalException e) when (e.Category == DrupalErrorCategory.InvalidArgument || e.Category == DrupalErrorCategory.PermissionDenied)
                {
                    // A field the consumer may not filter on (403), or one Drupal cannot filter by (400), stays unknown.
                    log.Verbose($"Could not learn the type of {type.Key} field '{name}' ({e.Message}); its cells go as text.");
                }
            }

            var unknown = fields.Unknown;
            log.Verbose(unknown.Count == 0
                ? $"Learned the {fields.Fields.Count} fields of {type.Key} from the site's data."
                : $"Learned the fields of {type.Key} from the site's data; no entity holds a value in {string.Join(", ", unknown)}: those go as text (relationships need -ReferenceType).");
            return fields;
        }

        private static async Task<BundleFields> LearnAsync(JsonApiClient client, KeyValuePair<string, Uri> type, IEnumerable<KeyValuePair<string, string>> query, BundleFields? known, SiteLookup lookup, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var result = await client.GetAsync(SitePath.WithQuery(type.Value, query), options, log, cancellationToken).ConfigureAwait(false);
            lookup.CountRequest();
            using (var document = JsonResponse.ParseObject(result, "a JSON:API document", "Check -JsonApiPath and that the JSON:API module serves that path."))
            {
                var resources = document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                    ? data.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).ToList()
                    : new List<JsonElement>();
                return known == null ? BundleFields.Learn(type.Key, resources) : known.With(resources);
            }
        }

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
