using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Input;
using DrupalOAuth.Paging;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// A connection's JSON:API: its entry point, read once and kept (a failed read is not kept), and GET requests
    /// the way every request goes, with the JSON:API media type.
    /// </summary>
    internal sealed class JsonApiClient
    {
        private readonly ApiClient _api;
        private JsonApiIndex? _index;

        public JsonApiClient(ApiClient api, Uri siteUri, Uri baseUri, string clientId)
        {
            _api = api;
            SiteUri = siteUri;
            BaseUri = baseUri;
            ClientId = clientId;
        }

        public Uri SiteUri { get; }

        public Uri BaseUri { get; }

        public string ClientId { get; }

        public async Task<JsonApiIndex> GetIndexAsync(CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_index is { } known)
            {
                return known;
            }

            log.Verbose($"Reading the site's JSON:API resource types from {BaseUri}.");
            var index = JsonApiIndex.Parse(await GetAsync(BaseUri, options, log, cancellationToken).ConfigureAwait(false), SiteUri);
            log.Verbose($"{BaseUri} offers {index.Types.Count} resource types; kept for this connection.");
            _index = index;
            return index;
        }

        public Task<HttpResult> GetAsync(Uri uri, CallOptions options, IDrupalLog log, CancellationToken cancellationToken) =>
            SendAsync(new OutgoingRequest(HttpMethod.Get, uri, accept: RequestClient.JsonApiMediaType, options: options), log, cancellationToken);

        public Task<HttpResult> SendAsync(OutgoingRequest request, IDrupalLog log, CancellationToken cancellationToken) =>
            _api.SendAsync(request, log, cancellationToken);

        /// <summary>The resource type's name and collection URI, from the index.</summary>
        public async Task<KeyValuePair<string, Uri>> ResolveAsync(string entityType, string? bundle, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var index = await GetIndexAsync(options, log, cancellationToken).ConfigureAwait(false);
            return index.Resolve(entityType, bundle, BaseUri);
        }

        /// <summary>The address of one resource of a collection.</summary>
        public static Uri Member(Uri collection, string id) => Beneath(collection, Id(id));

        /// <summary>The address of a field of a collection or resource, such as a file field to upload to.</summary>
        public static Uri Field(Uri resource, string field) => Beneath(resource, FieldName(field));

        /// <summary>
        /// An entity id as one path segment, checked where member addresses are made and, by callers that would
        /// send something first (the index), before that: '..' or 'a/b' would address the collection or another
        /// resource.
        /// </summary>
        public static string Id(string? id) =>
            RequestText.Segment(id, "-Id", "InvalidId", "the entity's UUID (its JSON:API id), such as 00000001-d7a1-4c3e-9f00-000000000001");

        /// <summary>A field name as one path segment, for the same reason as <see cref="Id"/>.</summary>
        public static string FieldName(string? field) => RequestText.Segment(field, "-Field", "InvalidField", "the field's machine name, such as field_image");

        private static Uri Beneath(Uri uri, string segment) => new Uri(uri.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(segment));

        /// <summary>The address of a resource type's collection, in the query's language.</summary>
        public Uri Collection(Uri typeUri, string? language)
        {
            if (language == null)
            {
                return typeUri;
            }

            // Drupal reads the language from the first segment after the site's base path: /es/jsonapi/...
            var sitePath = SiteUri.AbsolutePath;
            var relative = typeUri.AbsolutePath.StartsWith(sitePath, StringComparison.Ordinal) ? typeUri.AbsolutePath.Substring(sitePath.Length) : typeUri.AbsolutePath.TrimStart('/');
            return new Uri(SiteUri, language + "/" + relative);
        }

        /// <summary>One entity by id, as a page of one item, so that it is written like any other read.</summary>
        public async Task<ResultPage> GetOneAsync(EntityQuery query, string id, bool raw, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            Id(id);
            var index = await GetIndexAsync(options, log, cancellationToken).ConfigureAwait(false);
            var type = index.Resolve(query.EntityType, query.Bundle, BaseUri);
            var uri = SitePath.WithQuery(Member(Collection(type.Value, query.Language), id), query.Parameters(type.Key, collection: false, limit: null, offset: 0));
            var document = JsonApiDocument.Read(await GetAsync(uri, options, log, cancellationToken).ConfigureAwait(false), query.Include, query.Language, raw, JsonValueKind.Object);
            var warnings = new List<string>();
            if (index.ForeignOrigin != null)
            {
                warnings.Add(ForeignOriginWarning(index.ForeignOrigin));
            }

            if (document.OtherLanguage > 0)
            {
                warnings.Add(LanguageFallback(query.Language!, document.OtherLanguage, 1, type.Key, document.OtherLanguageCode));
            }

            return new ResultPage(document.Items, 1, document.Items.Count, warnings);
        }

        /// <summary>What to tell of links Drupal wrote for another origin, once per read.</summary>
        public string ForeignOriginWarning(Uri link) =>
            $"Drupal's links point at {SitePath.Origin(link)}, not at the connection's site {SitePath.Origin(SiteUri)}: the site's reverse-proxy settings are wrong (settings.php: reverse_proxy, reverse_proxy_addresses and trusted_host_patterns). The pages are read from {SitePath.Origin(SiteUri)}; the token was not sent elsewhere.";

        public static string LanguageFallback(string language, long fellBack, long of, string typeName, string? otherCode) =>
            $"{fellBack} of {of} {typeName} items have no '{language}' translation: Drupal returned them in their original language ('{otherCode}'), as it does silently. Compare their langcode property.";
    }
}
