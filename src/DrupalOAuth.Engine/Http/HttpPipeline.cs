using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// The one way a connection talks HTTP: one HttpClient, a timeout that covers the headers and the whole body,
    /// and transport failures turned into errors that name the host. Authorization is the caller's business.
    /// </summary>
    internal sealed class HttpPipeline : IDisposable
    {
        private static readonly string UserAgent = "DrupalOAuth/" + typeof(HttpPipeline).Assembly.GetName().Version?.ToString(3);

        private readonly HttpClient _client;
        private readonly TimeSpan _timeout;

        public HttpPipeline(TimeSpan timeout, HttpMessageHandler? handler = null)
        {
            _timeout = timeout;
            _client = new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: true)
            {
                // Each request gets its own timeout below, which also bounds reading the body.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        }

        public async Task<HttpResult> SendAsync(HttpRequestMessage request, IDrupalLog log, CancellationToken cancellationToken)
        {
            using (request)
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_timeout);
                var method = request.Method;
                var uri = request.RequestUri!;
                log.Verbose($"{method} {uri}");
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    using (var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    using (timeout.Token.Register(response.Dispose))
                    {
                        // Disposing the response on timeout unblocks a body read that ignores the token (.NET Framework).
                        var body = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
                        var result = new HttpResult(
                            method,
                            uri,
                            (int)response.StatusCode,
                            response.ReasonPhrase ?? string.Empty,
                            response.Content?.Headers.ContentType?.MediaType,
                            body,
                            Join(response.Headers, "WWW-Authenticate"),
                            stopwatch.Elapsed);
                        log.Verbose($"{method} {uri}: {result.Status} in {stopwatch.ElapsedMilliseconds} ms ({body.Length} bytes{(result.ContentType == null ? string.Empty : ", " + result.ContentType)})");
                        return result;
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested
                                          && (e is OperationCanceledException || e is ObjectDisposedException || e is IOException || e is HttpRequestException))
                {
                    throw new DrupalException(
                        "Timeout",
                        DrupalErrorCategory.OperationTimeout,
                        $"{method} {uri} did not complete within {_timeout.TotalSeconds:0.###} seconds. The site may be slow or unreachable; raise -TimeoutSec if it needs longer.",
                        uri,
                        e);
                }
                catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DrupalException(
                        "ConnectionFailed",
                        DrupalErrorCategory.ConnectionError,
                        $"Could not reach {uri.Host} for {method} {uri}: {InnermostMessage(e)}. Check the site URI and that the site is up and reachable from here.",
                        uri,
                        e);
                }
                catch (IOException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DrupalException(
                        "ConnectionFailed",
                        DrupalErrorCategory.ConnectionError,
                        $"The connection to {uri.Host} broke during {method} {uri}: {InnermostMessage(e)}.",
                        uri,
                        e);
                }
            }
        }

        public void Dispose() => _client.Dispose();

        private static async Task<byte[]> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
        {
            if (content == null)
            {
                return Array.Empty<byte>();
            }

            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }

        private static string? Join(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

        private static string InnermostMessage(Exception e)
        {
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e.Message.TrimEnd('.');
        }
    }
}
