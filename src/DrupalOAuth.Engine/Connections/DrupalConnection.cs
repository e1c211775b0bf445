using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Http;
using DrupalOAuth.Identity;
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
        private volatile bool _closed;

        private DrupalConnection(ConnectionSettings settings, TokenProvider tokens, HttpMessageHandler? handler)
        {
            Settings = settings;
            _tokens = tokens;
            _tokenKey = new TokenCacheKey(settings.TokenUri, settings.ClientId, settings.Scope);
            _http = new HttpPipeline(
                settings.Timeout,
                handler ?? HttpPipeline.CreateHandler(settings.SkipCertificateCheck),
                new RetryPolicy(settings.MaximumRetryCount, settings.RetryInterval));
            _api = new ApiClient(_http, (log, cancellationToken, rejected) => GetTokenAsync(log, cancellationToken, forceNew: false, rejected));
        }

        public string Name => Settings.Name;

        public Uri SiteUri => Settings.SiteUri;

        public string ClientId => Settings.ClientId;

        public IReadOnlyList<string> Scope => Settings.Scope;

        public Uri TokenUri => Settings.TokenUri;

        public Uri GraphQLUri => Settings.GraphQLUri;

        public ClientAuthentication ClientAuthentication => Settings.ClientAuthentication;

        public int TimeoutSec => (int)Settings.Timeout.TotalSeconds;

        public int MaximumRetryCount => Settings.MaximumRetryCount;

        public bool SkipCertificateCheck => Settings.SkipCertificateCheck;

        /// <summary>When the cached token expires; null when none is cached.</summary>
        public DateTimeOffset? TokenExpiresOn => _tokens.Peek(_tokenKey)?.ExpiresOn;

        public bool IsCurrent => ReferenceEquals(ConnectionRegistry.Process.Current, this);

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

        public Task<GraphQLResponse> InvokeGraphQLAsync(GraphQLRequest request, IDrupalLog log, CancellationToken cancellationToken)
        {
            ThrowIfClosed();
            return GraphQLClient.InvokeAsync(_api, GraphQLUri, request, log, cancellationToken);
        }

        /// <summary>Who Drupal takes this consumer for: from /oauth/debug where allowed, else from the token's claims.</summary>
        public async Task<DrupalIdentity> GetIdentityAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            ThrowIfClosed();
            var fromDebug = await IdentityReader.ReadDebugRouteAsync(_api, SiteUri, log, cancellationToken).ConfigureAwait(false);
            var token = await GetTokenAsync(log, cancellationToken).ConfigureAwait(false);
            return fromDebug is { } debug
                ? new DrupalIdentity(Name, ClientId, SiteUri, debug.UserId, debug.Roles, debug.Permissions, token.Scope, DrupalIdentity.FromDebugRoute, debug.IsAdmin)
                : new DrupalIdentity(Name, ClientId, SiteUri, IdentityReader.ReadSubject(token), Array.Empty<string>(), Array.Empty<string>(), token.Scope, DrupalIdentity.FromTokenClaims, null);
        }

        public override string ToString() => $"{Name}: client '{ClientId}' at {SiteUri}";

        /// <summary>Forgets the cached token and refuses further use; calls already under way finish.</summary>
        internal void Close()
        {
            _closed = true;
            _tokens.Forget(_tokenKey);
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
            if (_closed)
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
