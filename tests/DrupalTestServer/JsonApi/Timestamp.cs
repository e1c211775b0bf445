using System.Globalization;

namespace DrupalTestServer.JsonApi;

/// <summary>A timestamp field's value: filters compare its seconds, documents show it as ISO 8601 with an offset.</summary>
public readonly record struct Timestamp(long Seconds)
{
    /// <summary>The site's timezone is UTC: <c>2023-11-14T23:13:20+00:00</c>.</summary>
    public override string ToString() =>
        DateTimeOffset.FromUnixTimeSeconds(Seconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
