namespace DrupalTestServer.JsonApi;

/// <summary>The test switches of the JSON:API routes, until the next reset.</summary>
public sealed class JsonApiSettings
{
    /// <summary>How long every JSON:API request waits before it is answered (benchmarks).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// Whether absolute links use the http listener as <c>http://localhost:PORT</c> instead of the request's
    /// origin, as a Drupal behind a reverse proxy it was not told about links to its internal name.
    /// </summary>
    public bool LinksToOtherOrigin { get; set; }

    /// <summary>JSON:API's "Accept only JSON:API read operations" setting, on by default as on a new site.</summary>
    public bool ReadOnly { get; set; } = true;

    public void Reset()
    {
        ReadOnly = true;
        Delay = TimeSpan.Zero;
        LinksToOtherOrigin = false;
    }
}
