using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// Reads claims out of a JWT's payload for display. The signature is not checked: that is Drupal's job, and a
    /// client must not rely on it.
    /// </summary>
    internal static class JwtClaims
    {
        /// <summary>The <c>scope</c> claim (a JSON array in Simple OAuth, a space-separated string elsewhere), or null.</summary>
        public static IReadOnlyList<string>? ReadScope(string token)
        {
            var payload = DecodePayload(token);
            if (payload == null)
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(payload);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("scope", out var scope))
                {
                    return null;
                }

                switch (scope.ValueKind)
                {
                    case JsonValueKind.Array:
                        var list = new List<string>();
                        foreach (var item in scope.EnumerateArray())
                        {
                            if (item.ValueKind == JsonValueKind.String)
                            {
                                list.Add(item.GetString()!);
                            }
                        }

                        return list;
                    case JsonValueKind.String:
                        return scope.GetString()!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    default:
                        return null;
                }
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
