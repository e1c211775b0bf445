using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// The one way a connection talks HTTP: one HttpClient; a timeout per attempt that covers the headers and the
    /// whole body; retries as the <see cref="RetryPolicy"/> says; redirects followed by hand, so that neither the
    /// Authorization header nor the secret ever goes to another origin and https never falls back to http; every
    /// answer read held to the size limit (<see cref="SizeLimitedStream"/>); failures classified in one place
    /// (<see cref="FailureClassifier"/>), so that only the network failing is retried.
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

        // Below the 85,000 bytes from which .NET puts an array on the large object heap, which it does not compact.
        private const int ChunkSize = 81920;
        private static readonly string UserAgent = "DrupalOAuth/" + typeof(HttpPipeline).Assembly.GetName().Version?.ToString(3);

        private readonly HttpClient _client;
        private readonly TimeSpan _timeout;
        private readonly RetryPolicy _retry;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly long _maximumResponseSize;

        /// <param name="maximumResponseSize">The most bytes an answer may hold once inflated, 0 for no limit (a body read into memory is still held to what one array can hold).</param>
        public HttpPipeline(TimeSpan timeout, HttpMessageHandler? handler = null, RetryPolicy? retry = null, Func<TimeSpan, CancellationToken, Task>? delay = null, long maximumResponseSize = 0)
        {
            _timeout = timeout;
            _maximumResponseSize = maximumResponseSize;
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
                var limit = request.Options.Limit;
                var sentIn = limit?.Generation ?? 0;
                try
                {
                    result = await FollowRedirectsAsync(request, log, cancellationToken).ConfigureAwait(false);
                }
                catch (DrupalException e) when (e.ErrorId == "ConnectionLost")
                {
                    failure = e;
                }

                // The adaptive limit backs off or grows with each attempt's answer; once broken, it fails the request.
                limit?.Report(result, failure, log, sentIn);
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
            var sizeLimit = request.Options.MaximumResponseSizeOr(_maximumResponseSize);
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
                            using (var stream = await SizeLimitedStream.OpenAsync(response.Content!, SizeLimitedStream.Effective(sizeLimit, inMemory: false), method, target).ConfigureAwait(false))
                            {
                                content = await request.ReadResponse!(stream, timeout.Token).ConfigureAwait(false);
                            }

                            body = Array.Empty<byte>();
                        }
                        else
                        {
                            // Only the disk bounds a download to a file.
                            body = toFile
                                ? await CopyBodyAsync(response.Content, request.ResponseFile!, timeout.Token).ConfigureAwait(false)
                                : await ReadBodyAsync(response.Content, SizeLimitedStream.Effective(sizeLimit, inMemory: true), method, target, timeout.Token).ConfigureAwait(false);
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
                catch (Exception e) when (!(e is DrupalException) && !cancellationToken.IsCancellationRequested
                                          && FailureClassifier.Classify(e, method, target, timeout.IsCancellationRequested, timeLimit, answered, reading) is DrupalException failure)
                {
                    throw failure;
                }
            }
        }

        private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
            header?.Delta ?? (header?.Date is DateTimeOffset date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);

        private static async Task<byte[]> ReadBodyAsync(HttpContent? content, long limit, HttpMethod method, Uri target, CancellationToken cancellationToken)
        {
            if (content == null)
            {
                return Array.Empty<byte>();
            }

            var length = content.Headers.ContentLength;
            using (var stream = await SizeLimitedStream.OpenAsync(content, limit, method, target).ConfigureAwait(false))
            {
                // Sized from Content-Length where there is one, so that the buffer is the body and is not copied again.
                if (length is long known && known > 0)
                {
                    var body = new byte[known];
                    var filled = await FillAsync(stream, body, cancellationToken).ConfigureAwait(false);
                    return filled == body.Length ? body : Copy(new[] { body }, filled);
                }

                // Else gathered in chunks small enough for the GC to compact, and joined once at the end: an answer
                // that proves too large has then taken no more memory than the limit, not the doubling buffers of a
                // MemoryStream.
                var chunks = new List<byte[]>();
                var total = 0;
                while (true)
                {
                    var chunk = new byte[ChunkSize];
                    var filled = await FillAsync(stream, chunk, cancellationToken).ConfigureAwait(false);
                    chunks.Add(chunk);
                    total += filled;
                    if (filled < chunk.Length)
                    {
                        return Copy(chunks, total);
                    }
                }
            }
        }

        /// <summary>Reads until the buffer is full or the body ends; only the last of a body's chunks is then partly filled.</summary>
        private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return filled;
        }

        private static byte[] Copy(IEnumerable<byte[]> chunks, int total)
        {
            var body = new byte[total];
            var at = 0;
            foreach (var chunk in chunks)
            {
                var count = Math.Min(chunk.Length, total - at);
                Buffer.BlockCopy(chunk, 0, body, at, count);
                at += count;
            }

            return body;
        }

        /// <summary>
        /// Copies the body to the response file. The file's own failures (no such folder, disk full) are OutFileFailed,
        /// told apart here from the network's, since sending the request again would not mend them.
        /// </summary>
        private static async Task<byte[]> CopyBodyAsync(HttpContent? content, Func<Stream> openFile, CancellationToken cancellationToken)
        {
            Stream file;
            try
            {
                file = openFile();
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw OutFile.Failed(e);
            }

            try
            {
                if (content != null)
                {
                    using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                    {
                        var buffer = new byte[ChunkSize];
                        int read;
                        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            await ToFileAsync(() => file.WriteAsync(buffer, 0, read, cancellationToken)).ConfigureAwait(false);
                        }
                    }
                }

                await ToFileAsync(() => file.FlushAsync(cancellationToken)).ConfigureAwait(false);
            }
            finally
            {
                // Flushed above when all went well; after a failure, what the file would still say matters less.
                try
                {
                    file.Dispose();
                }
                catch (Exception e) when (FailureClassifier.IsFileSystem(e))
                {
                }
            }

            return Array.Empty<byte>();
        }

        private static async Task ToFileAsync(Func<Task> write)
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw OutFile.Failed(e);
            }
        }

        private static string? Join(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
    }
}
