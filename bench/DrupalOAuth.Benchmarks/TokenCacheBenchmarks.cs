using BenchmarkDotNet.Attributes;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Tokens;

namespace DrupalOAuth.Benchmarks;

/// <summary>What every call pays for its token when the cached one is valid: TokenProvider's cache hit.</summary>
[MemoryDiagnoser]
public class TokenCacheBenchmarks
{
    private readonly FixedClock _clock = new(DateTimeOffset.UtcNow);
    private readonly TokenCacheKey _key = new(new Uri("http://127.0.0.1:8080/oauth/token"), "backend", ["api_user", "content:read"], "fingerprint");
    private TokenProvider? _provider;
    private Func<CancellationToken, Task<AccessToken>>? _fetch;
    private int _fetches;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new TokenProvider(_clock);
        // Never called after the first time while the token is fresh; the count proves it.
        _fetch = _ =>
        {
            Interlocked.Increment(ref _fetches);
            return Task.FromResult(new AccessToken(new string('x', 810), "Bearer", _clock.UtcNow, TimeSpan.FromSeconds(300), ["api_user", "content:read"]));
        };
        _provider.GetTokenAsync(_key, _fetch, NullLog.Instance, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        if (_fetches != 1)
        {
            throw new InvalidOperationException($"The token was fetched {_fetches} times: the benchmark did not measure cache hits only.");
        }
    }

    [Benchmark(Description = "TokenProvider.GetTokenAsync, cached and fresh")]
    public AccessToken CachedToken() => _provider!.GetTokenAsync(_key, _fetch!, NullLog.Instance, CancellationToken.None).Result;

    /// <summary>The MemoryCache lookup alone, to tell it from what GetTokenAsync adds (its Task, its log line).</summary>
    [Benchmark(Description = "TokenProvider.Peek, the cache lookup alone")]
    public AccessToken? Peek() => _provider!.Peek(_key);

    private sealed class FixedClock(DateTimeOffset now) : IClock
    {
        public DateTimeOffset UtcNow { get; } = now;
    }
}
