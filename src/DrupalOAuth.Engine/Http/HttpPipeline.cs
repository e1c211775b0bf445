using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// The one way a connection talks HTTP: one HttpClient; a timeout per attempt that covers the headers and the
    /// whole body; retries as the <see cref="RetryPolicy"/> says; redirects followed by hand, so that neither the
    /// Authorization header nor the secret ever goes to another origin and https never falls back to http;
    /// transport failures turned into errors that name the host.
    /// </summary>
    internal sealed class HttpPipeline : IDisposable
    {
        /// <summary>
        /// On a ConnectionLost failure, whether the answer's headers had come: a request that broke before any answer
        /// was not processed, so even a PATCH may be sent again.
        /// </summary>
        public const string AnswerStarted = "DrupalOAuth.AnswerStarted";

        /// <summary>
        /// On a ConnectionLost failure, whether the answer was being read as it came (<see cref="OutgoingRequest.ReadResponse"/>):
        /// part of it may have been handed out already, so it is never sent again.
        /// </summary>
        public const string PartlyRead = "DrupalOAuth.PartlyRead";

        private const int MaximumRedirects = 5;
        private static readonly string UserAgent = "DrupalOAuth/" + typeof(HttpPipeline).Assembly.GetName().Version?.ToString(3);

        private readonly HttpClient _client;
        private readonly TimeSpan _timeout;
        private readonly RetryPolicy _retry;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public HttpPipeline(TimeSpan timeout, HttpMessageHandler? handler = null, RetryPolicy? retry = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _timeout = timeout;
            _retry = retry ?? RetryPolicy.None;
            _delay = delay ?? Task.Delay;
            _client = new HttpClient(handler ?? CreateHandler(skipCertificateCheck: false), disposeHandler: true)
            {
                // Each attempt gets its own timeout below, which also bounds reading the body.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        }

        /// <summary>
        /// Sites often compress JSON (a 20 MB answer shrinks about tenfold); the handler sends Accept-Encoding and
        /// inflates. Brotli is in .NET (PowerShell 7) but not in .NET Framework (Windows PowerShell 5.1), whose
        /// enum has no value for it.
        /// </summary>
        private static readonly DecompressionMethods Decompression =
            DecompressionMethods.GZip | DecompressionMethods.Deflate
            | (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal) ? DecompressionMethods.None : (DecompressionMethods)4);

        public static HttpMessageHandler CreateHandler(bool skipCertificateCheck)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = Decompression };
            if (skipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }

            return handler;
        }

        public async Task<HttpResult> SendAsync(OutgoingRequest request, IDrupalLog log, CancellationToken cancellationToken)
        {
            var retry = request.Options.RetryOr(_retry);
            for (var retries = 0; ; retries++)
            {
                HttpResult? result = null;
                DrupalException? failure = null;
                try
                {
                    result = await FollowRedirectsAsync(request, log, cancellationToken).ConfigureAwait(false);
                }
                catch (DrupalException e) when (e.ErrorId == "ConnectionLost")
                {
                    failure = e;
                }

                var delay = retry.DelayBeforeRetry(request, result, failure, retries, out var reason);
                if (delay == null)
                {
                    if (result == null)
                    {
                        throw failure!;
                    }

                    result.Retries = retries;
                    return result;
                }

                log.Verbose($"{request.Method} {request.Uri}: {reason}; retry {retries + 1} of {retry.MaximumRetryCount} in {delay.Value.TotalSeconds:0.##} s.");
                await _delay(delay.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        public void Dispose() => _client.Dispose();

        private async Task<HttpResult> FollowRedirectsAsync(OutgoingRequest request, IDrupalLog log, CancellationToken cancellationToken)
        {
            var target = request.Uri;
            for (var redirects = 0; ; redirects++)
            {
                var result = await SendOnceAsync(request, target, log, cancellationToken).ConfigureAwait(false);
                if (result.StatusCode < 300 || result.StatusCode > 399 || result.Location == null)
                {
                    return result;
                }

                var next = result.Location;
                var refusal = RefuseRedirect(request, result, next, redirects);
                if (refusal != null)
                {
                    throw new DrupalException("RedirectRefused", DrupalErrorCategory.SecurityError, $"{request.Method} {target} was redirected ({result.Status}) to {next}, {refusal}", target);
                }

                log.Verbose($"{result.Status}: following the redirect to {next}.");
                target = next;
            }
        }

        private static string? RefuseRedirect(OutgoingRequest request, HttpResult result, Uri next, int redirects)
        {
            if (redirects >= MaximumRedirects)
            {
                return $"the {MaximumRedirects + 1}th redirect in a row. Check -Uri: it should be the site's final address.";
            }

            // HttpClient would throw NotSupportedException for any other scheme, an error without an ErrorId.
            if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
            {
                return "which is not an http or https address. Check the site's redirects.";
            }

            if (result.RequestUri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
            {
                return "which would drop from https to http and expose the token. Check the site's redirects.";
            }

            // Followed without the credentials, the request would run as anonymous there: less data, or a 403 that
            // blames a permission, instead of an error that points at the redirect.
            if (!OutgoingRequest.IsSameOrigin(next, request.Uri))
            {
                if (request.CarriesSecret)
                {
                    return "another origin, where the client secret is not sent. Pass the final address as -Uri (or -TokenPath).";
                }

                if (request.Authorization != null)
                {
                    return "another origin, where the access token is not sent. Pass the site's final address as -Uri.";
                }
            }

            var keepsMethod = result.StatusCode == 307 || result.StatusCode == 308;
            if (!keepsMethod && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                return $"which would turn the {request.Method} into a GET. Pass the final address as -Uri.";
            }

            return null;
        }

        private async Task<HttpResult> SendOnceAsync(OutgoingRequest request, Uri target, IDrupalLog log, CancellationToken cancellationToken)
        {
            var timeLimit = request.Options.TimeoutOr(_timeout);
            using (var message = request.ToMessage(target))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(timeLimit);
                var method = request.Method;
                log.Verbose($"{method} {target}");
                var stopwatch = Stopwatch.StartNew();
                var answered = false;
                var reading = false;
                try
                {
                    using (var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    using (timeout.Token.Register(response.Dispose))
                    {
                        answered = true;
                        // Disposing the response on timeout unblocks a body read that ignores the token (.NET Framework).
                        var toFile = request.ResponseFile != null && response.IsSuccessStatusCode;
                        var mediaType = response.Content?.Headers.ContentType?.MediaType;

                        // Anything but JSON is read whole, so that the caller can say what came instead.
                        reading = request.ReadResponse != null && response.IsSuccessStatusCode && response.Content != null
                                  && mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;
                        object? content = null;
                        byte[] body;
                        if (reading)
                        {
                            using (var stream = await response.Content!.ReadAsStreamAsync().ConfigureAwait(false))
                            {
                                content = await request.ReadResponse!(stream, timeout.Token).ConfigureAwait(false);
                            }

                            body = Array.Empty<byte>();
                        }
                        else
                        {
                            body = toFile
                                ? await CopyBodyAsync(response.Content, request.ResponseFile!, timeout.Token).ConfigureAwait(false)
                                : await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
                        }

                        var result = new HttpResult(
                            method,
                            target,
                            (int)response.StatusCode,
                            response.ReasonPhrase ?? string.Empty,
                            response.Content?.Headers.ContentType?.MediaType,
                            body,
                            Join(response.Headers, "WWW-Authenticate"),
                            stopwatch.Elapsed,
                            response.Headers.Location == null ? null : new Uri(target, response.Headers.Location),
                            RetryAfter(response.Headers.RetryAfter),
                            toFile,
                            reading,
                            content);
                        log.Verbose($"{method} {target}: {result.Status} in {stopwatch.ElapsedMilliseconds} ms ({(toFile ? "written to the file" : reading ? "read as it came" : body.Length + " bytes")}{(result.ContentType == null ? string.Empty : ", " + result.ContentType)})");
                        return result;
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested
                                          && (e is OperationCanceledException || e is ObjectDisposedException || e is IOException || e is HttpRequestException))
                {
                    throw new DrupalException(
                        "Timeout",
                        DrupalErrorCategory.OperationTimeout,
                        $"{method} {target} did not complete within {timeLimit.TotalSeconds:0.###} seconds. The site may be slow or unreachable; raise -TimeoutSec if it needs longer.",
                        target,
                        e);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is HttpRequestException || e is IOException))
                {
                    var failure = TransportFailure(method, target, e);
                    failure.Data[AnswerStarted] = answered;
                    failure.Data[PartlyRead] = reading;
                    throw failure;
                }
            }
        }

        /// <summary>
        /// A connection never made (no such host, nothing listening, a certificate not trusted) fails at once, since
        /// trying again would not change that; one that broke on the way (reset, closed early) is ConnectionLost,
        /// which the retry policy may repeat.
        /// </summary>
        private static DrupalException TransportFailure(HttpMethod method, Uri target, Exception e)
        {
            var innermost = e;
            var neverConnected = false;
            var certificate = false;
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                innermost = inner;
                certificate |= inner is AuthenticationException;
                neverConnected |= inner is SocketException socket && IsConnectFailure(socket.SocketErrorCode)
                                  || inner is WebException web && (web.Status == WebExceptionStatus.NameResolutionFailure || web.Status == WebExceptionStatus.ConnectFailure
                                                                   || web.Status == WebExceptionStatus.TrustFailure || web.Status == WebExceptionStatus.SecureChannelFailure);
            }

            var why = innermost.Message.TrimEnd('.');
            return neverConnected || certificate
                ? new DrupalException(
                    "ConnectionFailed",
                    DrupalErrorCategory.ConnectionError,
                    certificate
                        ? $"Could not make a secure connection to {target.Host} for {method} {target}: {why}. Trust the site's certificate authority on this computer; for a test site with a self-signed certificate, connect with -SkipCertificateCheck."
                        : $"Could not reach {target.Host} for {method} {target}: {why}. Check the site URI and that the site is up and reachable from here.",
                    target,
                    e)
                : new DrupalException(
                    "ConnectionLost",
                    DrupalErrorCategory.ConnectionError,
                    $"The connection to {target.Host} broke during {method} {target}: {why}.",
                    target,
                    e);
        }

        private static bool IsConnectFailure(SocketError error) =>
            error == SocketError.ConnectionRefused || error == SocketError.HostNotFound || error == SocketError.NoData
            || error == SocketError.TryAgain || error == SocketError.HostUnreachable || error == SocketError.NetworkUnreachable
            || error == SocketError.AddressNotAvailable;

        private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
            header?.Delta ?? (header?.Date is DateTimeOffset date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);

        private static async Task<byte[]> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
        {
            if (content == null)
            {
                return Array.Empty<byte>();
            }

            // Sized from Content-Length where there is one, so that the buffer is the body and is not copied again.
            var length = content.Headers.ContentLength;
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = length is long known && known > 0 && known < int.MaxValue ? new MemoryStream((int)known) : new MemoryStream())
            {
                await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
            }
        }

        private static async Task<byte[]> CopyBodyAsync(HttpContent? content, Func<Stream> openFile, CancellationToken cancellationToken)
        {
            Stream opened;
            try
            {
                opened = openFile();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                // Not a transport failure: sending the request again would not make the file writable.
                throw new DrupalException("OutFileFailed", DrupalErrorCategory.InvalidArgument, $"The answer could not be written to the file: {e.Message} Pass an -OutFile path in a folder that exists and that you may write to.", null, e);
            }

            using (var file = opened)
            {
                if (content != null)
                {
                    using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                    {
                        await stream.CopyToAsync(file, 81920, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return Array.Empty<byte>();
        }

        private static string? Join(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
    }
}
