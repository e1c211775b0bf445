using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Input;
using DrupalOAuth.Json;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// Reads the token endpoint's answer: an access token, or Drupal's <c>error</c>, <c>error_description</c> and
    /// <c>hint</c> turned into an error that explains them and names the token URL.
    /// </summary>
    internal static class TokenResponse
    {
        // Simple OAuth's default lifetime, for a server that leaves expires_in out (RFC 6749 makes it optional).
        private static readonly TimeSpan FallbackLifetime = TimeSpan.FromSeconds(300);

        /// <summary>
        /// The longest lifetime believed: a longer expires_in (a site set to a year, or a broken one answering 1e12) is
        /// cut to this, so the token is only renewed sooner than it had to be, which costs one token request a day.
        /// </summary>
        internal static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(1);

        /// <summary>The most characters a SecureString holds, and so Get-DrupalToken and -AsSecureString.</summary>
        internal const int MaximumTokenLength = 65536;

        public static AccessToken Parse(HttpResult result, string clientId, IReadOnlyList<string> requestedScope, DateTimeOffset issuedOn)
        {
            JsonDocument? document = null;
            try
            {
                try
                {
                    document = result.Body.Length == 0 ? null : JsonText.Parse(result.Body);
                }
                catch (JsonException)
                {
                    document = null;
                }

                var root = document?.RootElement;
                if (root?.ValueKind != JsonValueKind.Object || (result.StatusCode == 404 && !root.Value.TryGetProperty("error", out _)))
                {
                    throw NotATokenResponse(result, clientId);
                }

                if (!result.IsSuccess || root.Value.TryGetProperty("error", out _))
                {
                    throw TokenError(result, root.Value, clientId);
                }

                return ReadToken(result, root.Value, clientId, requestedScope, issuedOn);
            }
            finally
            {
                document?.Dispose();
            }
        }

        private static AccessToken ReadToken(HttpResult result, JsonElement root, string clientId, IReadOnlyList<string> requestedScope, DateTimeOffset issuedOn)
        {
            var value = GetString(root, "access_token");
            if (string.IsNullOrEmpty(value))
            {
                throw new DrupalException(
                    "InvalidTokenResponse",
                    DrupalErrorCategory.InvalidResult,
                    $"The token endpoint {result.RequestUri} answered {result.Status} for client '{clientId}' without an access_token. Check that -TokenPath points at Simple OAuth's token endpoint.",
                    result.RequestUri);
            }

            // RFC 6749 A.12: access-token = 1*VSCHAR. Anything else (a CR or LF above all) would break the
            // Authorization header of every request and could add headers of the server's choosing to them.
            var wrong = value!.Length > MaximumTokenLength ? $"is {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long, more than the {MaximumTokenLength.ToString("N0", CultureInfo.InvariantCulture)} a SecureString holds"
                : value.Any(c => c < 0x20 || c > 0x7E) ? $"holds a character no access token holds ({RequestText.Describe(value, value.TakeWhile(c => c >= 0x20 && c <= 0x7E).Count())}; RFC 6749 allows printable ASCII only)"
                : null;
            if (wrong != null)
            {
                throw new DrupalException(
                    "InvalidTokenResponse",
                    DrupalErrorCategory.InvalidResult,
                    $"The token endpoint {result.RequestUri} answered {result.Status} for client '{clientId}' with an access_token that {wrong}, so it was not used. Check -Uri and -TokenPath: this is not a token Drupal's Simple OAuth issues.",
                    result.RequestUri);
            }

            var tokenType = GetString(root, "token_type") ?? "Bearer";
            if (!string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new DrupalException(
                    "InvalidTokenResponse",
                    DrupalErrorCategory.InvalidResult,
                    $"The token endpoint {result.RequestUri} issued a token of type '{tokenType}' for client '{clientId}'; only Bearer tokens are supported.",
                    result.RequestUri);
            }

            var lifetime = Lifetime(result, root, clientId);
            var scope = JwtClaims.ReadScope(value!) ?? requestedScope;

            // Drupal checks for "Bearer" case-sensitively and ignores any other spelling.
            return new AccessToken(value!, "Bearer", issuedOn, lifetime, scope);
        }

        /// <summary>
        /// expires_in: absent, the default; a positive number of seconds (also as a string, which some servers
        /// send), at most <see cref="MaximumLifetime"/>; anything else, such as -1, 0 or "soon", is an error.
        /// </summary>
        private static TimeSpan Lifetime(HttpResult result, JsonElement root, string clientId)
        {
            if (!root.TryGetProperty("expires_in", out var expiresIn) || expiresIn.ValueKind == JsonValueKind.Null)
            {
                return FallbackLifetime;
            }

            var text = expiresIn.ValueKind == JsonValueKind.Number ? expiresIn.GetRawText() : expiresIn.ValueKind == JsonValueKind.String ? expiresIn.GetString()!.Trim() : null;
            var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds);
            if (parsed && !double.IsNaN(seconds) && seconds > 0)
            {
                return seconds >= MaximumLifetime.TotalSeconds ? MaximumLifetime : TimeSpan.FromSeconds(seconds);
            }

            // A JSON number too large for a double: .NET Framework does not parse it, .NET reads it as infinity (above).
            if (!parsed && expiresIn.ValueKind == JsonValueKind.Number && !text!.StartsWith("-", StringComparison.Ordinal))
            {
                return MaximumLifetime;
            }

            var shown = expiresIn.GetRawText();
            throw new DrupalException(
                "InvalidTokenResponse",
                DrupalErrorCategory.InvalidResult,
                $"The token endpoint {result.RequestUri} answered {result.Status} for client '{clientId}' with expires_in {(shown.Length > 40 ? shown.Substring(0, 40) + "..." : shown)}, which is not a positive number of seconds, so the token's lifetime is unknown. Check -Uri and -TokenPath: Drupal's Simple OAuth answers a number such as 300.",
                result.RequestUri);
        }

        private static DrupalException TokenError(HttpResult result, JsonElement root, string clientId)
        {
            var error = GetString(root, "error") ?? string.Empty;
            var description = GetString(root, "error_description") ?? GetString(root, "message") ?? "no description";
            var hint = GetString(root, "hint");
            var said = hint == null ? description.TrimEnd('.') : $"{description.TrimEnd('.')} ({hint.TrimEnd('.')})";
            var source = $"{(error.Length == 0 ? result.Status : error)} from {result.RequestUri}";

            switch (error)
            {
                case "invalid_client":
                    return Fail("InvalidClient", DrupalErrorCategory.AuthenticationError,
                        $"Drupal rejected the client credentials for client '{clientId}': {said} ({source}). Check the consumer's client id and secret; if the secret was changed, connect again with the new one.");
                case "invalid_request" when hint != null && hint.IndexOf("`scope`", StringComparison.Ordinal) >= 0:
                    return Fail("ScopeRequired", DrupalErrorCategory.InvalidArgument,
                        $"Drupal wants a scope for client '{clientId}': the consumer has no default scopes ({said}; {source}). Pass -Scope with the scopes to request, or give the consumer default scopes in Drupal.");
                case "invalid_request":
                    return Fail("InvalidRequest", DrupalErrorCategory.InvalidArgument,
                        $"Drupal refused the token request for client '{clientId}' as malformed: {said} ({source}).");
                case "invalid_scope":
                    return Fail("InvalidScope", DrupalErrorCategory.InvalidArgument,
                        $"Drupal refused the scope requested for client '{clientId}': {said} ({source}). Request only scopes that the consumer allows for the client credentials grant.");
                case "unsupported_grant_type":
                    return Fail("UnsupportedGrantType", DrupalErrorCategory.InvalidOperation,
                        $"The consumer '{clientId}' does not allow the client credentials grant: {said} ({source}). Enable the Client Credentials grant type on the consumer in Drupal.");
                case "server_error" when description.IndexOf("default user", StringComparison.OrdinalIgnoreCase) >= 0:
                    return Fail("ConsumerWithoutUser", DrupalErrorCategory.InvalidOperation,
                        $"Drupal cannot issue a token for client '{clientId}': the consumer has no user for the client credentials grant ({said}; {source}). Set a low-privilege user as the consumer's user; never an administrator, since the token gets all of that user's permissions.");
                case "access_denied" when description.IndexOf("lock", StringComparison.OrdinalIgnoreCase) >= 0:
                    return Fail("TokenRequestBusy", DrupalErrorCategory.ResourceUnavailable,
                        $"Drupal timed out waiting for another token request of client '{clientId}' to finish: {said} ({source}). Try again.");
                default:
                    return Fail("TokenRequestFailed", result.StatusCode >= 500 ? DrupalErrorCategory.ResourceUnavailable : DrupalErrorCategory.InvalidResult,
                        $"The token request for client '{clientId}' failed with {result.StatusAfterRetries}: {said} ({source}).");
            }

            DrupalException Fail(string errorId, DrupalErrorCategory category, string message) =>
                new DrupalException(errorId, category, message, result.RequestUri);
        }

        private static DrupalException NotATokenResponse(HttpResult result, string clientId)
        {
            var said = ServerMessage.Describe(result);
            switch (result.StatusCode)
            {
                case 404:
                    return new DrupalException(
                        "TokenEndpointNotFound",
                        DrupalErrorCategory.ObjectNotFound,
                        $"There is no token endpoint at {result.RequestUri} (404 Not Found: {said}). Check -Uri and -TokenPath, and that the Simple OAuth module is enabled.",
                        result.RequestUri);
                case var status when status >= 200 && status <= 299:
                    return new DrupalException(
                        "InvalidTokenResponse",
                        DrupalErrorCategory.InvalidResult,
                        $"The token endpoint {result.RequestUri} answered {result.Status} for client '{clientId}' with {said}, not a JSON token. Check -Uri and -TokenPath.",
                        result.RequestUri);
                default:
                    return new DrupalException(
                        "TokenRequestFailed",
                        result.StatusCode >= 500 ? DrupalErrorCategory.ResourceUnavailable : DrupalErrorCategory.InvalidResult,
                        $"The token request for client '{clientId}' to {result.RequestUri} failed with {result.StatusAfterRetries}: {said}.",
                        result.RequestUri);
            }
        }

        private static string? GetString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;
    }
}
