using System.Text;

namespace DrupalTestServer.OAuth;

/// <summary>
/// HTTP Basic credentials read the way Symfony reads them for Drupal: base64 of <c>id:secret</c>,
/// split at the first colon, and neither part URL-decoded (RFC 6749 §2.3.1 notwithstanding).
/// </summary>
public sealed record BasicCredentials(string User, string Password)
{
    public static BasicCredentials? FromHeader(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        return colon < 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }
}
