using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DrupalTestServer.OAuth;

/// <summary>
/// RS256 JWTs. Parsing fails with the messages of lcobucci/jwt, the library behind simple_oauth,
/// because Drupal passes them on to the client in WWW-Authenticate.
/// </summary>
public static class JwtCodec
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=";

    public static string Sign(JsonObject header, JsonObject claims, RSA key)
    {
        var signingInput = Encode(header) + "." + Encode(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <exception cref="BearerRejectedException">The string is no JWT.</exception>
    public static ParsedJwt Parse(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
            throw new BearerRejectedException("The JWT string must have two dots");
        var header = DecodeObject(parts[0], "headers");
        var claims = DecodeObject(parts[1], "claims");
        var signature = Decode(parts[2]);
        return new ParsedJwt(header, claims, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
    }

    public static bool HasValidSignature(ParsedJwt jwt, RSA key) =>
        jwt.Algorithm == "RS256"
        && key.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonElement DecodeObject(string part, string what)
    {
        JsonElement element;
        try
        {
            element = JsonDocument.Parse(Decode(part)).RootElement;
        }
        catch (JsonException)
        {
            throw new BearerRejectedException("Error while decoding from JSON");
        }
        return element.ValueKind == JsonValueKind.Object
            ? element
            : throw new BearerRejectedException($"{what} must be an array");
    }

    /// <summary>
    /// Like PHP's strict base64_decode after lcobucci maps '-_' to '+/': padding is optional, a lone
    /// trailing character is refused, and unused trailing bits are ignored (Convert does the same).
    /// </summary>
    private static byte[] Decode(string part)
    {
        var unpadded = part.TrimEnd('=');
        if (part.Any(c => !Base64UrlAlphabet.Contains(c)) || unpadded.Contains('=') || unpadded.Length % 4 == 1)
            throw new BearerRejectedException("Error while decoding from Base64Url, invalid base64 characters detected");
        var standard = unpadded.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '='));
    }
}
