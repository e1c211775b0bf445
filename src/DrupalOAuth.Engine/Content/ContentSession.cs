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
using DrupalOAuth.Sheets;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Content in and out (Export-, Import-, Compare-DrupalContent) for one cmdlet call on one connection: every request
    /// goes through the connection's one HTTP pipeline, and lookups (existing UUIDs, users) through one cached, batched
    /// resolver.
    /// </summary>
    public sealed class ContentSession
    {
        internal ContentSession(ApiClient api, JsonApiClient client, EntityWriter writer, CallOptions options)
        {
            Api = api;
            Client = client;
            Writer = writer;
            Options = options;
            Lookup = new SiteLookup(client, options);
        }

        internal ApiClient Api { get; }

        internal JsonApiClient Client { get; }

        internal EntityWriter Writer { get; }

        internal CallOptions Options { get; }

        /// <summary>The session's lookups; its <see cref="SiteLookup.Requests"/> count every read of the session's content classes too.</summary>
        internal SiteLookup Lookup { get; }

        /// <summary>
        /// The raw resources (type, id, attributes, relationships as Drupal sent them) of <paramref name="typeName"/>
        /// among <paramref name="ids"/>, in IN filters of up to a batch each, every page read and counted in
        /// <see cref="Lookup"/>; under <paramref name="language"/>'s prefix when given, with only
        /// <paramref name="fields"/> when given.
        /// </summary>
        internal async Task<IReadOnlyList<PSObject>> ReadByIdsAsync(string typeName, IReadOnlyList<string> ids, string? language, IReadOnlyList<string>? fields, IDrupalLog log, CancellationToken cancellationToken)
        {
            var resources = new List<PSObject>();
            foreach (var batch in SiteLookup.Batches(ids))
            {
                var query = new EntityQuery(typeName, filter: EntityQuery.WithIds(null, batch), property: fields, language: language, pageSize: SiteLookup.BatchSize);
                var pager = new EntityPager(Client, query, new PagingScope(all: true), raw: true, Options);
                while (await pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false) is ResultPage page)
                {
                    Lookup.CountRequest();
                    resources.AddRange(page.Items.SelectMany(Resources));
                }

                // What Drupal left out, or answered in another language, is told by what is missing, not as warnings.
                foreach (var said in pager.Finish())
                {
                    log.Verbose(said);
                }
            }

            return resources;
        }

        /// <summary>The resources of a raw JSON:API document: its data, one or a list, those with an id.</summary>
        internal static IEnumerable<PSObject> Resources(object? document)
        {
            var data = PowerShellValue.Unwrap(PowerShellValue.Member(document, "data"));
            var items = data is object?[] list ? list : new[] { data };
            return items.Select(PowerShellValue.Unwrap).OfType<PSObject>().Where(r => PowerShellValue.Unwrap(r.Properties["id"]?.Value) is string id && id.Length > 0);
        }
    }
}
