using System;
using System.Collections.Generic;
using System.Linq;
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
        private readonly Uri? _siteUri;

        /// <param name="siteUri">The site whose token this is: a request to any other origin is refused.</param>
        public ApiClient(HttpPipeline http, Func<IDrupalLog, CancellationToken, AccessToken?, Task<AccessToken>> getToken, Uri? siteUri = null)
        {
            _http = http;
            _getToken = getToken;
            _siteUri = siteUri;
        }

        public async Task<HttpResult> SendAsync(OutgoingRequest request, IDrupalLog log, CancellationToken cancellationToken)
        {
            // The last line of defence: whatever built the address (a link Drupal wrote, a path a user gave), the
            // token goes to its own site only.
            if (_siteUri != null && !OutgoingRequest.IsSameOrigin(request.Uri, _siteUri))
            {
                throw new DrupalException(
                    "CrossOriginRefused",
                    DrupalErrorCategory.SecurityError,
                    $"{request.Method} {request.Uri} is on another origin than the connection's site, {SitePath.Origin(_siteUri)}, so it was not sent: the access token only ever goes to its own site.",
                    SitePath.Origin(request.Uri));
            }

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

        /// <summary>
        /// What a failed answer means, with what Drupal said; a JSON:API error document gives one error per error
        /// object, the first carrying the others.
        /// </summary>
        /// <summary>On a failure from an answer: how many times the request had been sent again before it.</summary>
        public const string RetriesKey = "DrupalOAuth.Retries";

        internal static DrupalException Failure(HttpResult result)
        {
            var errors = result.StatusCode == 401 ? Array.Empty<JsonApiError>() : (IReadOnlyList<JsonApiError>)JsonApiError.ReadAll(result.Body);
            if (errors.Count == 0)
            {
                return Failure(result, ServerMessage.Describe(result), null, result.RequestUri);
            }

            // Each error object is the target of its record, so that scripts can read its title, status, detail and field.
            var further = errors.Skip(1).Select(error => Failure(result, error.Describe(result.ReasonPhrase), null, error)).ToList();
            return Failure(result, errors[0].Describe(result.ReasonPhrase), further, errors[0]);
        }

        private static DrupalException Failure(HttpResult result, string said, IReadOnlyList<DrupalException>? further, object target)
        {
            var request = $"{result.Method} {result.RequestUri}";
            switch (result.StatusCode)
            {
                case 400:
                    return Error("BadRequest", DrupalErrorCategory.InvalidArgument, $"Drupal refused {request} as a bad request ({result.Status}): {said}");
                case 401:
                    return Error(
                        "Unauthorized",
                        DrupalErrorCategory.AuthenticationError,
                        $"Drupal refused the access token for {request} ({result.Status}: {said}), even with a newly issued token. Check that the site's OAuth keys are readable and that its clock is right; then run Connect-DrupalApi again.");
                case 403:
                    return Error(
                        "Forbidden",
                        DrupalErrorCategory.PermissionDenied,
                        $"Drupal denied {request} ({result.Status}: {said}). Grant the permission to a role of the consumer's user (never the administrator role). If the user already has it, the web server may be dropping the Authorization header (a known Apache/FastCGI problem), so Drupal sees an anonymous request.");
                case 404:
                    return Error(
                        "NotFound",
                        DrupalErrorCategory.ObjectNotFound,
                        $"{request} found nothing there ({result.Status}: {said}). Check -Uri and the endpoint path, and that the module serving it is enabled.");
                case 405:
                    return Error(
                        "MethodNotAllowed",
                        DrupalErrorCategory.InvalidOperation,
                        $"Drupal does not allow {request} ({result.Status}): {said}"
                        + (said.IndexOf("accept only read operations", StringComparison.OrdinalIgnoreCase) >= 0
                            ? " To write through JSON:API, a site administrator selects \"Accept all JSON:API create, read, update, and delete operations.\" at /admin/config/services/jsonapi; the consumer's user also needs the matching content permissions (such as \"create article content\")."
                            : string.Empty));
                case 409:
                    return Error("Conflict", DrupalErrorCategory.InvalidOperation, $"Drupal refused {request} as a conflict ({result.Status}): {said}");
                case 415:
                    return Error("UnsupportedMediaType", DrupalErrorCategory.InvalidArgument, $"Drupal refused the body's media type for {request} ({result.Status}): {said}. Pass -ContentType.");
                case 422:
                    return Error("UnprocessableEntity", DrupalErrorCategory.InvalidData, $"Drupal refused the data of {request} ({result.Status}): {said}");
                default:
                    return Error(
                        "HttpError",
                        result.StatusCode >= 500 ? DrupalErrorCategory.ResourceUnavailable : DrupalErrorCategory.InvalidResult,
                        $"{request} failed with {result.StatusAfterRetries}: {said}.");
            }

            DrupalException Error(string errorId, DrupalErrorCategory category, string message)
            {
                var error = new DrupalException(errorId, category, message, target, furtherErrors: further);
                error.Data[RetriesKey] = result.Retries;
                return error;
            }
        }
    }
}
