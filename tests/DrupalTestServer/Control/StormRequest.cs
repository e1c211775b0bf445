namespace DrupalTestServer.Control;

/// <summary>The JSON body of <c>POST /_test/storm</c>: a status with its Retry-After for some seconds or some requests, or off.</summary>
public sealed class StormRequest
{
    /// <summary>Longer than any test or benchmark needs; a storm is meant to end.</summary>
    public const int MaxSeconds = 600;

    public bool Off { get; init; }

    public int? Status { get; init; }

    public int RetryAfter { get; init; } = 1;

    public double? Seconds { get; init; }

    public int? Requests { get; init; }
}
