using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DrupalOAuth.Json;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// Reads claims out of a JWT's payload for display. The signature is not checked: that is Drupal's job, and a
    /// client must not rely on it.
    /// </summary>
    internal static class JwtClaims
    {
        /// <summary>The <c>scope</c> claim (a JSON array in Simple OAuth, a space-separated string elsewhere), or null.</summary>
        public static IReadOnlyList<string>? ReadScope(string token) =>
            Read<IReadOnlyList<string>>(token, "scope", scope => scope.ValueKind switch
            {
                JsonValueKind.Array => scope.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList(),
                JsonValueKind.String => scope.GetString()!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries),
                _ => null,
            });

        /// <summary>A string or number claim, such as <c>sub</c> (the user id in Simple OAuth 5.x), or null.</summary>
        public static string? ReadString(string token, string name) =>
            Read(token, name, claim => claim.ValueKind == JsonValueKind.String || claim.ValueKind == JsonValueKind.Number ? claim.ToString() : null);

        private static T? Read<T>(string token, string name, Func<JsonElement, T?> convert)
            where T : class
        {
            var payload = DecodePayload(token);
            if (payload == null)
            {
                return null;
            }

            try
            {
                using var document = JsonText.Parse(payload);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var claim)
                    ? convert(claim)
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static byte[]? DecodePayload(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            var base64 = parts[1].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
