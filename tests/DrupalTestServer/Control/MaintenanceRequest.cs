using DrupalTestServer.Site;

namespace DrupalTestServer.Control;

/// <summary>The JSON body of <c>POST /_test/maintenance</c>: on (for some seconds, or until off) with JSON:API's Retry-After range, or off.</summary>
public sealed class MaintenanceRequest
{
    public bool? On { get; init; }

    public double? Seconds { get; init; }

    public int RetryAfterMin { get; init; } = MaintenanceMode.DefaultRetryAfterMinSec;

    public int RetryAfterMax { get; init; } = MaintenanceMode.DefaultRetryAfterMaxSec;
}
