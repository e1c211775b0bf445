using System.Text;
using DrupalOAuth.Tokens;

namespace DrupalOAuth.Tests.Support;

/// <summary>Access tokens and JWT-shaped strings for tests.</summary>
public static class TestTokens
{
    public static AccessToken Make(string value, DateTimeOffset issuedOn, TimeSpan lifetime, params string[] scope) =>
        new AccessToken(value, "Bearer", issuedOn, lifetime, scope);

    /// <summary>An unsigned token shaped like Simple OAuth's JWT: base64url header, payload and signature.</summary>
    public static string Jwt(string payloadJson, string signature = "not-a-signature") =>
        Base64Url("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"jti\":\"abc\"}") + "." + Base64Url(payloadJson) + "." + Base64Url(signature);

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
