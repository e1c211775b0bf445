namespace DrupalTestServer.Http;

/// <summary>Which content codings the server may use, as set through <c>/_test/compression</c>.</summary>
public enum CompressionChoice
{
    None,
    Gzip,
    Brotli,

    /// <summary>Brotli when the client takes it, else gzip, as nginx with both modules does.</summary>
    Any,
}
