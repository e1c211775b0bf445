using DrupalOAuth.Http;
using DrupalOAuth.JsonApi;
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

        internal SiteLookup Lookup { get; }
    }
}
