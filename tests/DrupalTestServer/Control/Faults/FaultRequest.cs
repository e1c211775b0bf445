namespace DrupalTestServer.Control.Faults;

/// <summary>The JSON body of <c>POST /_test/fault</c>; each kind reads the members it needs.</summary>
public sealed class FaultRequest
{
    /// <summary>An <see cref="Http.ApiRoute"/>'s name: "token", "graphql", "debug", "jsonapi", "files" or "echo".</summary>
    public string? Route { get; init; }

    public string? Kind { get; init; }

    /// <summary>How many requests in a row the fault answers.</summary>
    public int Count { get; init; } = 1;

    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    public int? Ms { get; init; }

    /// <summary>Where a redirect points: "same", "other", "downgrade" or "https".</summary>
    public string? Target { get; init; }

    /// <summary>A redirect's Location as given, a path or an absolute URI; it wins over <see cref="Target"/>.</summary>
    public string? Location { get; init; }

    /// <summary>How many bytes a slow body sends at a time.</summary>
    public int? Bytes { get; init; }

    /// <summary>About how many megabytes a big answer has.</summary>
    public int? Mb { get; init; }

    /// <summary>Whether a <c>huge</c> answer announces its length; it does unless this is false.</summary>
    public bool? ContentLength { get; init; }
    /// <summary>For <c>nextlinks</c>: by a request's page[offset], the links.next to answer (a path or an absolute URI; null or "" for none).</summary>
    public Dictionary<string, string?>? Links { get; init; }

    /// <summary>For the kinds' factories, so that every kind words a missing member the same way.</summary>
    public ArgumentException Missing(string member) => new($"Fault kind '{Kind}' needs '{member}'.");

    /// <summary>A member's value checked against its smallest allowed one; Task.Delay would only fail once a request came.</summary>
    public int AtLeast(int value, int minimum, string member) =>
        value >= minimum ? value : throw new ArgumentException($"Fault kind '{Kind}': '{member}' must be at least {minimum}.");
}
