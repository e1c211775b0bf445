using DrupalOAuth.Diagnostics;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Tokens;

public sealed class TokenProviderTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);

    private readonly ManualClock _clock = new();
    private readonly FakeTokenFetch _endpoint;
    private readonly TokenProvider _provider;
    private readonly TokenCacheKey _key = Key("client");

    public TokenProviderTests()
    {
        _endpoint = new FakeTokenFetch(_clock);
        _provider = new TokenProvider(_clock);
    }

    [Fact]
    public async Task Fetches_a_token_when_none_is_cached()
    {
        var token = await Get();

        Assert.Equal("token-1", token.RevealPlainText());
        Assert.Equal(1, _endpoint.Fetches);
    }

    [Fact]
    public async Task Hands_out_the_cached_token_while_it_is_fresh()
    {
        var first = await Get();
        _clock.Advance(TimeSpan.FromSeconds(200));
        var second = await Get();

        Assert.Same(first, second);
        Assert.Equal(1, _endpoint.Fetches);
    }

    [Theory]
    [InlineData(300, 270)]
    [InlineData(3600, 3540)]
    [InlineData(4, 3.6)]
    [InlineData(299, 269.1)]
    [InlineData(1200, 1140)]
    public async Task Renews_the_token_a_margin_of_the_smaller_of_60_seconds_and_a_tenth_of_its_lifetime_before_expiry(double lifetimeSec, double renewAtSec)
    {
        _endpoint.Lifetime = TimeSpan.FromSeconds(lifetimeSec);
        var issuedOn = _clock.UtcNow;
        var first = await Get();
        Assert.Equal(issuedOn + TimeSpan.FromSeconds(renewAtSec), first.RenewOn);

        _clock.Set(issuedOn + TimeSpan.FromSeconds(renewAtSec) - TimeSpan.FromMilliseconds(1));
        Assert.Same(first, await Get());

        _clock.Set(issuedOn + TimeSpan.FromSeconds(renewAtSec));
        var renewed = await Get();

        Assert.Equal("token-2", renewed.RevealPlainText());
        Assert.Equal(2, _endpoint.Fetches);
        Assert.Same(renewed, await Get());
    }

    [Fact]
    public async Task ForceNew_fetches_even_while_the_cached_token_is_fresh()
    {
        await Get();
        var forced = await Get(forceNew: true);

        Assert.Equal("token-2", forced.RevealPlainText());
        Assert.Same(forced, await Get());
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_by_a_new_one()
    {
        var rejected = await Get();
        var replacement = await Get(rejected: rejected);

        Assert.Equal("token-2", replacement.RevealPlainText());
        Assert.Equal(2, _endpoint.Fetches);
    }

    [Fact]
    public async Task A_rejected_token_already_replaced_by_another_caller_is_not_fetched_again()
    {
        var rejected = await Get();
        var replacedByFirstCaller = await Get(rejected: rejected);
        var secondCaller = await Get(rejected: rejected);

        Assert.Same(replacedByFirstCaller, secondCaller);
        Assert.Equal(2, _endpoint.Fetches);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch_and_get_the_same_token()
    {
        const int callers = 32;
        _endpoint.Gate = Gate();
        var start = Gate();
        var called = 0;
        var allCalled = Gate();
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            var waiting = Get();
            if (Interlocked.Increment(ref called) == callers)
            {
                allCalled.SetResult();
            }

            return await waiting;
        })).ToArray();

        start.SetResult();
        await allCalled.Task.WaitAsync(NoHang);
        _endpoint.Gate.SetResult();
        var tokens = await Task.WhenAll(tasks).WaitAsync(NoHang);

        Assert.Equal(1, _endpoint.Fetches);
        Assert.All(tokens, token => Assert.Same(tokens[0], token));
    }

    [Fact]
    public async Task A_failed_fetch_fails_all_its_waiters_and_is_not_cached()
    {
        var failure = new InvalidOperationException("token endpoint down");
        _endpoint.Gate = Gate();
        _endpoint.Failure = failure;
        var waiters = Enumerable.Range(0, 3).Select(_ => Get()).ToArray();

        _endpoint.Gate.SetResult();
        foreach (var waiter in waiters)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => waiter.WaitAsync(NoHang)));
        }

        Assert.Equal(1, _endpoint.Fetches);
        Assert.Null(_provider.Peek(_key));

        _endpoint.Failure = null;
        var token = await Get();
        Assert.Equal("token-2", token.RevealPlainText());
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_at_once_while_the_others_still_get_the_token()
    {
        _endpoint.Gate = Gate();
        using var cancellation = new CancellationTokenSource();
        var startedTheFetch = Get(cancellation.Token);
        var other = Get();

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => startedTheFetch.WaitAsync(NoHang));
        Assert.False(other.IsCompleted);

        _endpoint.Gate.SetResult();
        var token = await other.WaitAsync(NoHang);
        Assert.Equal("token-1", token.RevealPlainText());
        Assert.Equal(1, _endpoint.Fetches);
        Assert.Same(token, _provider.Peek(_key));
    }

    [Fact]
    public async Task Peek_shows_the_cached_token_without_fetching()
    {
        Assert.Null(_provider.Peek(_key));

        var token = await Get();
        _clock.Advance(TimeSpan.FromSeconds(290));

        Assert.Same(token, _provider.Peek(_key));
        Assert.Equal(1, _endpoint.Fetches);
    }

    [Fact]
    public async Task Forget_drops_the_cached_token_so_the_next_caller_fetches()
    {
        await Get();
        _provider.Forget(_key);

        Assert.Null(_provider.Peek(_key));
        Assert.Equal("token-2", (await Get()).RevealPlainText());
    }

    [Fact]
    public async Task Each_client_and_scope_has_its_own_token()
    {
        var mine = await Get();
        var otherClient = await _provider.GetTokenAsync(Key("other"), _endpoint.FetchAsync, NullLog.Instance, CancellationToken.None);
        var otherScope = await _provider.GetTokenAsync(Key("client", "content:write"), _endpoint.FetchAsync, NullLog.Instance, CancellationToken.None);

        Assert.Equal(3, _endpoint.Fetches);
        Assert.NotSame(mine, otherClient);
        Assert.Same(mine, await Get());
    }

    [Fact]
    public async Task Caching_follows_the_injected_clock_even_when_it_is_far_from_the_real_time()
    {
        var clock = new ManualClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var endpoint = new FakeTokenFetch(clock);
        using var provider = new TokenProvider(clock);

        var first = await provider.GetTokenAsync(_key, endpoint.FetchAsync, NullLog.Instance, CancellationToken.None);
        var second = await provider.GetTokenAsync(_key, endpoint.FetchAsync, NullLog.Instance, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, endpoint.Fetches);
    }

    private static TokenCacheKey Key(string clientId, params string[] scope) =>
        new(HttpResults.TokenUri, clientId, scope.Length == 0 ? new[] { "content:read" } : scope, "fingerprint");

    private static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task<AccessToken> Get(CancellationToken cancellationToken = default, bool forceNew = false, AccessToken? rejected = null) =>
        _provider.GetTokenAsync(_key, _endpoint.FetchAsync, NullLog.Instance, cancellationToken, forceNew, rejected);
}
