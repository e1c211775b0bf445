namespace DrupalTestServer.Control;

/// <summary>
/// A stretch of time or of requests during which every JSON:API request is refused with one status and a
/// Retry-After, before anything else looks at it, as a rate limiter or an overloaded proxy in front of Drupal does.
/// </summary>
public sealed class StormSwitch
{
    private readonly Lock gate = new();
    private Storm? current;

    public void Start(int status, int retryAfterSec, TimeSpan? duration, int? requests)
    {
        lock (gate)
            current = new Storm(status, retryAfterSec, duration is { } span ? DateTime.UtcNow + span : null, requests ?? 0);
    }

    public void Stop()
    {
        lock (gate)
            current = null;
    }

    /// <summary>The storm's answer for this request, or null when there is none (any more).</summary>
    public (int Status, int RetryAfterSec)? TryTake()
    {
        lock (gate)
        {
            if (current is not { } storm)
                return null;
            if (storm.Until is { } until ? DateTime.UtcNow >= until : storm.RemainingRequests <= 0)
            {
                current = null;
                return null;
            }
            if (storm.Until is null)
                storm.RemainingRequests--;
            return (storm.Status, storm.RetryAfterSec);
        }
    }

    private sealed class Storm(int status, int retryAfterSec, DateTime? until, int requests)
    {
        public int Status { get; } = status;

        public int RetryAfterSec { get; } = retryAfterSec;

        public DateTime? Until { get; } = until;

        public int RemainingRequests { get; set; } = requests;
    }
}
