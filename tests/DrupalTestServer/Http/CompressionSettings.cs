namespace DrupalTestServer.Http;

/// <summary>
/// The compression switch of the web server in front of Drupal, off until a test or benchmark turns it on, so that
/// answers keep the Content-Length that other tests check.
/// </summary>
public sealed class CompressionSettings
{
    public CompressionChoice Choice { get; set; }

    public static CompressionChoice? Parse(string? name) => name switch
    {
        "gzip" => CompressionChoice.Gzip,
        "br" => CompressionChoice.Brotli,
        "any" => CompressionChoice.Any,
        "none" => CompressionChoice.None,
        _ => null,
    };

    public void Reset() => Choice = CompressionChoice.None;
}
