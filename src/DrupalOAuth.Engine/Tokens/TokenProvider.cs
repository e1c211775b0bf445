using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using Microsoft.Extensions.Caching.Memory;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// Keeps tokens and hands out the cached one until it is due for renewal. Callers that find it missing or stale
    /// at the same time share one fetch (single flight); failures are never cached. Each Drupal token is a row in
    /// the site's database, so a token per call would fill that table.
    /// </summary>
    public sealed class TokenProvider : IDisposable
    {
        private readonly MemoryCache _cache = new MemoryCache(new MemoryCacheOptions());
        private readonly ConcurrentDictionary<TokenCacheKey, Task<AccessToken>> _inFlight = new ConcurrentDictionary<TokenCacheKey, Task<AccessToken>>();
        private readonly ConcurrentDictionary<TokenCacheKey, int> _holders = new ConcurrentDictionary<TokenCacheKey, int>();
        private readonly ConcurrentDictionary<TokenCacheKey, string[]> _secrets = new ConcurrentDictionary<TokenCacheKey, string[]>();

        /// <param name="scrubber">Told each secret and token while it is held; the process's own by default.</param>
        public TokenProvider(IClock clock, SecretScrubber? scrubber = null)
        {
            Clock = clock;
            Scrubber = scrubber ?? SecretScrubber.Shared;
        }

        /// <summary>The one provider of the process, so every runspace that holds a connection shares its token.</summary>
        public static TokenProvider Shared { get; } = new TokenProvider(SystemClock.Instance);

        public IClock Clock { get; }

        /// <summary>Knows the secret of each held key and each token given out, so that no message quotes them.</summary>
        public SecretScrubber Scrubber { get; }

        /// <summary>
        /// The cached token while it is fresh, else a new one. With <paramref name="forceNew"/> a new one always
        /// (joining a fetch already under way). With <paramref name="rejected"/>, a token the server refused: a new
        /// one unless another caller has already replaced it.
        /// </summary>
        internal Task<AccessToken> GetTokenAsync(
            TokenCacheKey key,
            Func<CancellationToken, Task<AccessToken>> fetch,
            IDrupalLog log,
            CancellationToken cancellationToken,
            bool forceNew = false,
            AccessToken? rejected = null)
        {
            if (!forceNew && _cache.TryGetValue(key, out AccessToken? cached) && cached != null && !ReferenceEquals(cached, rejected))
            {
                if (Clock.UtcNow < cached.RenewOn)
                {
                    log.Verbose($"Using the cached token of {key}, valid until {cached.ExpiresOn:u}.");
                    return Task.FromResult(cached);
                }

                log.Verbose($"The cached token of {key} expires at {cached.ExpiresOn:u}: renewing it.");
            }

            var fetching = new TaskCompletionSource<AccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shared = _inFlight.GetOrAdd(key, fetching.Task);
            if (ReferenceEquals(shared, fetching.Task))
            {
                _ = FetchAsync(key, fetch, fetching);
            }
            else
            {
                log.Verbose($"Waiting for the token request of {key} already under way.");
            }

            return WaitAsync(shared, cancellationToken);
        }

        /// <summary>The cached token, fresh or not, without fetching.</summary>
        internal AccessToken? Peek(TokenCacheKey key) => _cache.TryGetValue(key, out AccessToken? token) ? token : null;

        internal void Forget(TokenCacheKey key)
        {
            if (_cache.TryGetValue(key, out AccessToken? token) && token != null)
            {
                _cache.Remove(key);
                Scrubber.Release(token.AuthorizationHeaderValue);
            }
        }

        /// <summary>
        /// One more open connection uses this key's token. The first one makes its secret known to the scrubber, as
        /// it is and as the Basic credentials that carry it, until the last one lets go.
        /// </summary>
        internal void Hold(TokenCacheKey key, NetworkCredential credential)
        {
            if (_holders.AddOrUpdate(key, 1, (_, count) => count + 1) == 1)
            {
                var secrets = new[] { credential.Password, TokenClient.BasicCredentials(credential) };
                foreach (var secret in secrets)
                {
                    Scrubber.Hold(secret);
                }

                _secrets[key] = secrets;
            }
        }

        /// <summary>
        /// A connection that used this key's token is closed; the token is forgotten with the last one, so that
        /// one runspace's Disconnect-DrupalApi never costs another runspace's connection its token.
        /// </summary>
        internal void Release(TokenCacheKey key)
        {
            if (_holders.AddOrUpdate(key, 0, (_, count) => count - 1) <= 0)
            {
                ((ICollection<KeyValuePair<TokenCacheKey, int>>)_holders).Remove(new KeyValuePair<TokenCacheKey, int>(key, 0));
                Forget(key);
                if (_secrets.TryRemove(key, out var secrets))
                {
                    foreach (var secret in secrets)
                    {
                        Scrubber.Release(secret);
                    }
                }
            }
        }

        public void Dispose() => _cache.Dispose();

        // Not tied to any one caller's cancellation: a caller that gives up must not fail the others waiting.
        // The connection's timeout bounds it.
        private async Task FetchAsync(TokenCacheKey key, Func<CancellationToken, Task<AccessToken>> fetch, TaskCompletionSource<AccessToken> fetching)
        {
            try
            {
                var token = await fetch(CancellationToken.None).ConfigureAwait(false);
                Scrubber.Hold(token.AuthorizationHeaderValue);
                var replaced = Peek(key);

                // No cache expiry: freshness is judged by the injected clock (RenewOn), and a key holds one token at most.
                _cache.Set(key, token);
                if (replaced != null && !ReferenceEquals(replaced, token))
                {
                    Scrubber.Release(replaced.AuthorizationHeaderValue);
                }
                Remove(key, fetching.Task);
                fetching.SetResult(token);
            }
            catch (Exception e)
            {
                Remove(key, fetching.Task);
                fetching.SetException(e);
            }
        }

        private void Remove(TokenCacheKey key, Task<AccessToken> task) =>
            ((ICollection<KeyValuePair<TokenCacheKey, Task<AccessToken>>>)_inFlight).Remove(new KeyValuePair<TokenCacheKey, Task<AccessToken>>(key, task));

        private static async Task<AccessToken> WaitAsync(Task<AccessToken> task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return await task.ConfigureAwait(false);
        }
    }
}
