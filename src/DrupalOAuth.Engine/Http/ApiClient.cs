using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Tokens;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// Sends API requests with the connection's bearer token. A 401 to a token the cache held valid (revoked, or
    /// the site's keys rotated) gets one new token and one retry; a second 401 is an error. Any other failure
    /// status becomes an error that says what Drupal said.
    /// </summary>
    internal sealed class ApiClient
    {
        private readonly HttpPipeline _http;
        private readonly Func<IDrupalLog, CancellationToken, AccessToken?, Task<AccessToken>> _getToken;

        public ApiClient(HttpPipeline http, Func<IDrupalLog, CancellationToken, AccessToken?, Task<AccessToken>> getToken)
        {
            _http = http;
            _getToken = getToken;
        }

        public async Task<HttpResult> SendAsync(OutgoingRequest request, IDrupalLog log, CancellationToken cancellationToken)
        {
            var token = await _getToken(log, cancellationToken, null).ConfigureAwait(false);
            var result = await SendWithTokenAsync(request, token, log, cancellationToken).ConfigureAwait(false);
            if (result.StatusCode == 401)
            {
                log.Verbose($"Drupal refused the token ({ServerMessage.FromWwwAuthenticate(result.WwwAuthenticate) ?? result.Status}) although it was valid until {token.ExpiresOn:u}: getting a new token and retrying once.");
                token = await _getToken(log, cancellationToken, token).ConfigureAwait(false);
                result = await SendWithTokenAsync(request, token, log, cancellationToken).ConfigureAwait(false);
            }

            if (!result.IsSuccess)
            {
                throw Failure(result);
            }

            return result;
        }

        // Drupal matches the scheme case-sensitively: "bearer" would make the request anonymous.
        private Task<HttpResult> SendWithTokenAsync(OutgoingRequest request, AccessToken token, IDrupalLog log, CancellationToken cancellationToken) =>
            _http.SendAsync(request.WithAuthorization("Bearer " + token.AuthorizationHeaderValue), log, cancellationToken);

        internal static DrupalException Failure(HttpResult result)
        {
            var said = ServerMessage.Describe(result);
            var request = $"{result.Method} {result.RequestUri}";
            switch (result.StatusCode)
            {
                case 401:
                    return new DrupalException(
                        "Unauthorized",
                        DrupalErrorCategory.AuthenticationError,
                        $"Drupal refused the access token for {request} ({result.Status}: {said}), even with a newly issued token. Check that the site's OAuth keys are readable and that its clock is right; then run Connect-DrupalApi again.",
                        result.RequestUri);
                case 403:
                    return new DrupalException(
                        "Forbidden",
                        DrupalErrorCategory.PermissionDenied,
                        $"Drupal denied {request} ({result.Status}: {said}). Grant the permission to a role of the consumer's user (never the administrator role). If the user already has it, the web server may be dropping the Authorization header (a known Apache/FastCGI problem), so Drupal sees an anonymous request.",
                        result.RequestUri);
                case 404:
                    return new DrupalException(
                        "NotFound",
                        DrupalErrorCategory.ObjectNotFound,
                        $"{request} found nothing there ({result.Status}: {said}). Check -Uri and the endpoint path, and that the module serving it is enabled.",
                        result.RequestUri);
                default:
                    return new DrupalException(
                        "HttpError",
                        result.StatusCode >= 500 ? DrupalErrorCategory.ResourceUnavailable : DrupalErrorCategory.InvalidResult,
                        $"{request} failed with {result.StatusAfterRetries}: {said}.",
                        result.RequestUri);
            }
        }
    }
}
