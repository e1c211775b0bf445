using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Content;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Http;
using DrupalOAuth.Identity;
using DrupalOAuth.Incremental;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tokens;

namespace DrupalOAuth.Connections
{
    /// <summary>
    /// A connection to one Drupal site as one consumer: its settings, its one HttpClient and its place in the token
    /// cache. Safe to use from many threads and runspaces at once; all of them share its token. Its properties are
    /// what formatters and serializers see, so none of them holds the secret or the token.
    /// </summary>
    public sealed class DrupalConnection
    {
        private readonly TokenProvider _tokens;
        private readonly TokenCacheKey _tokenKey;
        private readonly HttpPipeline _http;
        private readonly ApiClient _api;
        private readonly JsonApiClient _jsonApi;
        private readonly EntityWriter _writer;
        private readonly ConcurrentDictionary<string, BundleFields> _rowFields = new ConcurrentDictionary<string, BundleFields>(StringComparer.Ordinal);
        private int _closed;
        private int _holdsToken = 1;

        private DrupalConnection(ConnectionSettings settings, TokenProvider tokens, HttpMessageHandler? handler)
        {
            Settings = settings;
            _tokens = tokens;
            _tokenKey = new TokenCacheKey(settings.TokenUri, settings.ClientId, settings.Scope, settings.SecretFingerprint);
            _tokens.Hold(_tokenKey, settings.GetCredential());
            _http = new HttpPipeline(
                settings.Timeout,
                handler ?? HttpPipeline.CreateHandler(settings.SkipCertificateCheck),
                new RetryPolicy(settings.MaximumRetryCount, settings.RetryInterval),
                maximumResponseSize: settings.MaximumResponseSize);
            _api = new ApiClient(_http, (log, cancellationToken, rejected) => GetTokenAsync(log, cancellationToken, forceNew: false, rejected), settings.SiteUri);
            _jsonApi = new JsonApiClient(_api, settings.SiteUri, settings.JsonApiUri, settings.ClientId);
            _writer = new EntityWriter(_jsonApi);
        }

        public string Name => Settings.Name;

        public Uri SiteUri => Settings.SiteUri;

        public string ClientId => Settings.ClientId;

        public IReadOnlyList<string> Scope => Settings.Scope;

        public Uri TokenUri => Settings.TokenUri;

        public Uri GraphQLUri => Settings.GraphQLUri;

        public Uri JsonApiUri => Settings.JsonApiUri;

        public ClientAuthentication ClientAuthentication => Settings.ClientAuthentication;

        public int TimeoutSec => (int)Settings.Timeout.TotalSeconds;

        public int MaximumRetryCount => Settings.MaximumRetryCount;

        public bool SkipCertificateCheck => Settings.SkipCertificateCheck;

        /// <summary>The most bytes an answer may hold once inflated; 0 for no limit.</summary>
        public long MaximumResponseSize => Settings.MaximumResponseSize;

        /// <summary>When the cached token expires; null when none is cached.</summary>
        public DateTimeOffset? TokenExpiresOn => _tokens.Peek(_tokenKey)?.ExpiresOn;

        /// <summary>Whether it is the current connection of the runspace that made it.</summary>
        public bool IsCurrent => ReferenceEquals(Registry?.Current, this);

        /// <summary>The registry of the runspace that made it; the connection itself works in any runspace.</summary>
        internal ConnectionRegistry? Registry { get; set; }

        /// <summary>Connections with equal keys share one cached token.</summary>
        internal TokenCacheKey TokenKey => _tokenKey;

        internal ConnectionSettings Settings { get; }

        /// <summary>
        /// Makes a connection and gets its first token at once, so bad credentials fail here and not at the first
        /// call. Nothing of a connection that fails is left behind.
        /// </summary>
        public static async Task<DrupalConnection> OpenAsync(ConnectionSettings settings, IDrupalLog log, CancellationToken cancellationToken, TokenProvider? tokens = null, HttpMessageHandler? handler = null)
        {
            var connection = new DrupalConnection(settings, tokens ?? TokenProvider.Shared, handler);
            try
            {
                await connection.GetTokenAsync(log, cancellationToken, forceNew: true).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Close();
                throw;
            }
        }

        /// <summary>The cached token while it is fresh, else a new one; with <paramref name="forceNew"/> always a new one.</summary>
        public Task<AccessToken> GetTokenAsync(IDrupalLog log, CancellationToken cancellationToken, bool forceNew = false) =>
            GetTokenAsync(log, cancellationToken, forceNew, rejected: null);

        public Task<GraphQLResponse> InvokeGraphQLAsync(GraphQLRequest request, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null, GraphQLOutput? output = null)
        {
            ThrowIfClosed();
            return GraphQLClient.InvokeAsync(_api, GraphQLUri, request, options ?? CallOptions.None, log, cancellationToken, output);
        }

        /// <summary>The query repeated page by page (Relay cursor or offset), the items at <paramref name="expandPath"/> written as they come.</summary>
        public IResultPager PageGraphQL(GraphQLRequest request, string? expandPath, string? cursorVariable, PagingScope scope, bool raw, CallOptions? options = null, bool asHashtable = false)
        {
            ThrowIfClosed();
            var output = asHashtable ? new GraphQLOutput(asHashtable: true) : GraphQLOutput.Default;
            return new GraphQLPager((paged, log, cancellation) => InvokeGraphQLAsync(paged, log, cancellation, options, output), GraphQLUri, request, expandPath, cursorVariable, scope, raw);
        }

        /// <summary>Any request to the site with the connection's token: JSON as PowerShell objects, text as a string, else bytes.</summary>
        public Task<object?> InvokeRequestAsync(DrupalRequest request, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            return RequestClient.InvokeAsync(_api, SiteUri, JsonApiUri, request, options ?? CallOptions.None, log, cancellationToken);
        }

        /// <summary>A JSON:API collection, page by page, with up to <paramref name="pagesAtOnce"/> page requests in flight.</summary>
        public IResultPager PageEntities(EntityQuery query, PagingScope scope, bool raw, CallOptions? options = null, int pagesAtOnce = 1)
        {
            ThrowIfClosed();
            return new EntityPager(_jsonApi, query, scope, raw, options ?? CallOptions.None, pagesAtOnce);
        }

        /// <summary>
        /// The entities changed at or after <paramref name="changedSince"/>, or since the run that left the state at
        /// <paramref name="statePath"/> (whose <see cref="ChangeReader.SaveState"/> the caller calls once every item is
        /// written), with <paramref name="includeDeleted"/> then those gone since.
        /// </summary>
        public ChangeReader PageChanges(EntityQuery query, DateTimeOffset? changedSince, string? statePath, string? stateShown, bool includeDeleted, PagingScope scope, bool raw, CallOptions? options = null, int pagesAtOnce = 1)
        {
            ThrowIfClosed();
            return new ChangeReader(_jsonApi, query, changedSince, statePath, stateShown, includeDeleted, scope, raw, options ?? CallOptions.None, pagesAtOnce);
        }

        /// <summary>One JSON:API resource by its id, as a page of one item.</summary>
        public Task<ResultPage> GetEntityAsync(EntityQuery query, string id, bool raw, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            return _jsonApi.GetOneAsync(query, id, raw, options ?? CallOptions.None, log, cancellationToken);
        }

        /// <summary>Creates an entity through JSON:API and returns it as Get-DrupalEntity writes it.</summary>
        public Task<PSObject?> CreateEntityAsync(string entityType, string? bundle, IDictionary? attributes, IDictionary? relationships, bool retryNonIdempotent, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            return _writer.CreateAsync(entityType, bundle, attributes, relationships, retryNonIdempotent, options ?? CallOptions.None, log, cancellationToken);
        }

        /// <summary>Changes only the given attributes and relationships of an entity; returns it as it now is.</summary>
        public Task<PSObject?> UpdateEntityAsync(string entityType, string? bundle, string id, IDictionary? attributes, IDictionary? relationships, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            return _writer.UpdateAsync(entityType, bundle, id, attributes, relationships, options ?? CallOptions.None, log, cancellationToken);
        }

        /// <summary>
        /// Refuses now what <see cref="CreateEntityAsync"/> or <see cref="UpdateEntityAsync"/> would refuse of these
        /// arguments before sending anything (InvalidId, InvalidValue, InvalidRelationship), for a caller that reads the
        /// site first (the fields a piped row's values convert to) and must not when the write cannot be sent.
        /// </summary>
        /// <param name="id">The entity's id for an update; null for a create.</param>
        public static void CheckEntityChange(string? id, IDictionary? attributes, IDictionary? relationships)
        {
            if (id != null)
            {
                JsonApiClient.Id(id);
            }

            ResourceWriter.Attributes(attributes);
            RelationshipValue.ReadAll(relationships);
        }

        public Task RemoveEntityAsync(string entityType, string? bundle, string id, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            return _writer.DeleteAsync(entityType, bundle, id, options ?? CallOptions.None, log, cancellationToken);
        }

        /// <summary>Uploads a file to a file field (as a new file, or attached to the entity <paramref name="id"/>); the file is streamed from disk.</summary>
        public Task<PSObject?> UploadFileAsync(string entityType, string? bundle, string field, string path, string? fileName, string? id, Action<long, long>? progress, IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            options ??= CallOptions.None;
            return _writer.UploadAsync(entityType, bundle, field, path, FileUpload.Name(path, fileName), id, progress, options, options.TimeoutOr(Settings.Timeout), log, cancellationToken);
        }

        /// <summary>Sheets in and out (Export-DrupalEntity, Import-DrupalEntity) for one cmdlet call, with its own lookup cache.</summary>
        public SheetSession OpenSheets(CallOptions? options = null)
        {
            ThrowIfClosed();
            return new SheetSession(_jsonApi, _writer, options ?? CallOptions.None, _rowFields);
        }

        /// <summary>Content in and out in core's default-content format (Export-, Import-, Compare-DrupalContent) for one cmdlet call.</summary>
        public ContentSession OpenContent(CallOptions? options = null)
        {
            ThrowIfClosed();
            return new ContentSession(_api, _jsonApi, _writer, options ?? CallOptions.None);
        }

        /// <summary>The JSON:API resource type names the site offers (node--article, user--user, ...), read once per connection.</summary>
        public async Task<IReadOnlyList<string>> GetResourceTypesAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            ThrowIfClosed();
            var index = await _jsonApi.GetIndexAsync(CallOptions.None, log, cancellationToken).ConfigureAwait(false);
            return new List<string>(index.Types.Keys);
        }

        /// <summary>Who Drupal takes this consumer for: from /oauth/debug where allowed, else from the token's claims.</summary>
        public async Task<DrupalIdentity> GetIdentityAsync(IDrupalLog log, CancellationToken cancellationToken, CallOptions? options = null)
        {
            ThrowIfClosed();
            var fromDebug = await IdentityReader.ReadDebugRouteAsync(_api, SiteUri, options ?? CallOptions.None, log, cancellationToken).ConfigureAwait(false);
            var token = await GetTokenAsync(log, cancellationToken).ConfigureAwait(false);
            return fromDebug is { } debug
                ? new DrupalIdentity(Name, ClientId, SiteUri, debug.UserId, debug.Roles, debug.Permissions, token.Scope, DrupalIdentity.FromDebugRoute, debug.IsAdmin)
                : new DrupalIdentity(Name, ClientId, SiteUri, IdentityReader.ReadSubject(token), Array.Empty<string>(), Array.Empty<string>(), token.Scope, DrupalIdentity.FromTokenClaims, null);
        }

        public override string ToString() => $"{Name}: client '{ClientId}' at {SiteUri}";

        /// <summary>Forgets the cached token and refuses further use; calls already under way finish.</summary>
        internal void Close()
        {
            Volatile.Write(ref _closed, 1);
            StopHoldingToken();
        }

        /// <summary>
        /// No longer counts among the holders of its token, but stays usable: for a connection replaced by one with
        /// the same token, which takes over the hold, while scripts may still have the old object.
        /// </summary>
        internal void StopHoldingToken()
        {
            if (Interlocked.Exchange(ref _holdsToken, 0) == 1)
            {
                _tokens.Release(_tokenKey);
            }
        }

        private Task<AccessToken> GetTokenAsync(IDrupalLog log, CancellationToken cancellationToken, bool forceNew, AccessToken? rejected)
        {
            ThrowIfClosed();
            return _tokens.GetTokenAsync(
                _tokenKey,
                fetchCancellation => TokenClient.RequestAsync(Settings, _http, _tokens.Clock, log, fetchCancellation),
                log,
                cancellationToken,
                forceNew,
                rejected);
        }

        private void ThrowIfClosed()
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                throw new DrupalException(
                    "ConnectionClosed",
                    DrupalErrorCategory.InvalidOperation,
                    $"The connection '{Name}' to {SiteUri} was disconnected or replaced. Run Connect-DrupalApi, or use Get-DrupalConnection for a current one.",
                    Name);
            }
        }
    }
}
