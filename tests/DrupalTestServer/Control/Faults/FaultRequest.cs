namespace DrupalTestServer.Control.Faults;

/// <summary>The JSON body of <c>POST /_test/fault</c>; each kind reads the members it needs.</summary>
public sealed class FaultRequest
{
    /// <summary>"token", "graphql" or "debug".</summary>
    public string? Route { get; init; }

    public string? Kind { get; init; }

    /// <summary>How many requests in a row the fault answers.</summary>
    public int Count { get; init; } = 1;

    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    public int? Ms { get; init; }
}
