using System.Text.Json;

namespace DrupalTestServer.OAuth;

/// <summary>A JWT split into its parts; nothing about it is trusted yet.</summary>
public sealed record ParsedJwt(JsonElement Header, JsonElement Claims, byte[] SigningInput, byte[] Signature)
{
    public string? Algorithm => StringMember(Header, "alg");

    public string? Jti => StringMember(Claims, "jti");

    public double? NumericClaim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
