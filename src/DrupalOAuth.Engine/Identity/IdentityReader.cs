using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tokens;
using DrupalOAuth.Json;

namespace DrupalOAuth.Identity
{
    /// <summary>
    /// Asks Simple OAuth's /oauth/debug who the token belongs to. Its answer echoes the token, so the body is read
    /// here and nothing of it but user id, roles and permissions leaves. A user without the
    /// "debug simple_oauth tokens" permission gets 403 there; then the token's claims are all there is.
    /// </summary>
    internal static class IdentityReader
    {
        public static async Task<(string? UserId, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, bool? IsAdmin)?> ReadDebugRouteAsync(
            ApiClient api, Uri siteUri, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var uri = new Uri(siteUri, "oauth/debug?_format=json");
            HttpResult result;
            try
            {
                result = await api.SendAsync(new OutgoingRequest(HttpMethod.Get, uri, options: options), log, cancellationToken).ConfigureAwait(false);
            }
            catch (DrupalException e) when (e.ErrorId == "Forbidden" || e.ErrorId == "NotFound")
            {
                log.Verbose($"{uri} is not open to this consumer's user ({e.ErrorId}): reading the token's claims instead.");
                return null;
            }

            try
            {
                using var document = JsonText.Parse(result.Body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    log.Verbose($"{uri} did not answer a JSON object: reading the token's claims instead.");
                    return null;
                }

                var userId = root.TryGetProperty("id", out var id) && (id.ValueKind == JsonValueKind.String || id.ValueKind == JsonValueKind.Number) ? id.ToString() : null;
                var roles = root.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : new List<string>();

                // Only access: true counts; the map lists every permission of the site, and one stray string entry.
                var permissions = new List<string>();
                if (root.TryGetProperty("permissions", out var p) && p.ValueKind == JsonValueKind.Object)
                {
                    foreach (var permission in p.EnumerateObject())
                    {
                        if (permission.Value.ValueKind == JsonValueKind.Object
                            && permission.Value.TryGetProperty("access", out var access) && access.ValueKind == JsonValueKind.True)
                        {
                            permissions.Add(permission.Name);
                        }
                    }
                }

                bool? isAdmin = root.TryGetProperty("is_admin", out var admin) && (admin.ValueKind == JsonValueKind.True || admin.ValueKind == JsonValueKind.False)
                    ? admin.ValueKind == JsonValueKind.True
                    : (bool?)null;
                return (userId, roles, permissions, isAdmin);
            }
            catch (JsonException)
            {
                log.Verbose($"{uri} did not answer JSON: reading the token's claims instead.");
                return null;
            }
        }

        public static string? ReadSubject(AccessToken token) => JwtClaims.ReadString(token.RevealPlainText(), "sub");
    }
}
