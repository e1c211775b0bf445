namespace DrupalTestServer.Site;

/// <summary>
/// The site's maintenance mode (system.maintenance), with JSON:API's Retry-After range (jsonapi.settings
/// maintenance_header_retry_seconds, 5 to 10 s by default). Off after start and reset.
/// </summary>
public sealed class MaintenanceMode
{
    public const int DefaultRetryAfterMinSec = 5;
    public const int DefaultRetryAfterMaxSec = 10;

    /// <summary>Who may use the site in maintenance mode; only the administrator role holds it here.</summary>
    public const string ExemptPermission = "access site in maintenance mode";

    /// <summary>system.maintenance's default message, with the site name in place of @site.</summary>
    public static string Message { get; } =
        $"{SiteDirectory.SiteName} is currently under maintenance. We should be back shortly. Thank you for your patience.";

    private readonly Lock gate = new();
    private State? current;

    /// <param name="duration">Null: until <see cref="Off"/>; else the mode ends by itself, as a deployment that finishes.</param>
    public void On(TimeSpan? duration, int retryAfterMinSec, int retryAfterMaxSec)
    {
        lock (gate)
            current = new State(duration is { } span ? DateTime.UtcNow + span : null, retryAfterMinSec, retryAfterMaxSec);
    }

    public void Off()
    {
        lock (gate)
            current = null;
    }

    /// <summary>The Retry-After of this answer when the site is in maintenance mode: random in the range, as
    /// JsonapiMaintenanceModeSubscriber draws it per request so that clients do not come back all at once.</summary>
    public int? RetryAfterSec()
    {
        lock (gate)
        {
            if (current is not { } state)
                return null;
            if (state.Until is { } until && DateTime.UtcNow >= until)
            {
                current = null;
                return null;
            }
            return Random.Shared.Next(state.MinSec, state.MaxSec + 1);
        }
    }

    private sealed record State(DateTime? Until, int MinSec, int MaxSec);
}
