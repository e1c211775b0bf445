namespace DrupalTestServer.JsonApi;

/// <summary>The test switches of the JSON:API routes, until the next reset.</summary>
public sealed class JsonApiSettings
{
    /// <summary>How long every JSON:API request waits before it is answered (benchmarks).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// How much longer a write (POST, PATCH, DELETE) waits, on top of <see cref="Delay"/>: the server time of a real
    /// site's save (100–210 ms measured for a PATCH). Requests wait side by side, so parallel writes can be measured.
    /// </summary>
    public TimeSpan WriteDelay { get; set; }

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
        WriteDelay = TimeSpan.Zero;
        LinksToOtherOrigin = false;
    }
}
