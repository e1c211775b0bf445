using DrupalOAuth.Tokens;

namespace DrupalOAuth.Tests.Support;

/// <summary>
/// Stands in for the token endpoint behind TokenProvider: counts fetches, issues token-1, token-2, ... by the
/// clock, and can hold every fetch at a gate or make it fail.
/// </summary>
public sealed class FakeTokenFetch
{
    private readonly IClock _clock;
    private readonly TaskCompletionSource _allFetchesStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fetches;

    public FakeTokenFetch(IClock clock, TimeSpan? lifetime = null)
    {
        _clock = clock;
        Lifetime = lifetime ?? TimeSpan.FromSeconds(300);
    }

    public TimeSpan Lifetime { get; set; }

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>When set, each fetch waits for it before it answers.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, each fetch fails with it.</summary>
    public Exception? Failure { get; set; }

    public async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _fetches);
        var issuedOn = _clock.UtcNow;
        if (Gate != null)
        {
            await Gate.Task;
        }

        if (Failure != null)
        {
            throw Failure;
        }

        return TestTokens.Make("token-" + number, issuedOn, Lifetime, "content:read");
    }
}
