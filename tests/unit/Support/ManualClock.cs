using DrupalOAuth.Tokens;

namespace DrupalOAuth.Tests.Support;

/// <summary>A clock that moves only when a test moves it.</summary>
public sealed class ManualClock : IClock
{
    private long _ticks;

    /// <summary>
    /// Starts at the real time by default: the token cache also expires entries by the real clock
    /// (see TokenProviderTests' skipped BUG test), so a clock far from it would hide cached tokens.
    /// </summary>
    public ManualClock(DateTimeOffset? start = null)
    {
        _ticks = (start ?? DateTimeOffset.UtcNow).UtcTicks;
    }

    public DateTimeOffset UtcNow => new DateTimeOffset(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref _ticks, to.UtcTicks);
}
