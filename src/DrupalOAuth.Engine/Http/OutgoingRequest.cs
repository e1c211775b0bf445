using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Errors;
using DrupalOAuth.Input;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// A request that can be sent again, for a retry or a redirect: each attempt makes a fresh message from it.
    /// Says whether it is safe to repeat and whether it may follow a redirect to another origin.
    /// </summary>
    internal sealed class OutgoingRequest
    {
        public const string JsonMediaType = "application/json";

        private readonly Func<HttpContent>? _content;

        public OutgoingRequest(
            HttpMethod method,
            Uri uri,
            Func<HttpContent>? content = null,
            bool isIdempotent = true,
            bool carriesSecret = false,
            string? authorization = null,
            string accept = JsonMediaType,
            IReadOnlyList<KeyValuePair<string, string>>? headers = null,
            CallOptions? options = null,
            Func<Stream>? responseFile = null,
            bool retryBeforeAnswer = false,
            Func<Stream, CancellationToken, Task<object?>>? readResponse = null)
        {
            // Checked here, where every request is made, so that no caller can send a password in an address, or a
            // CR or LF that would end a header and start another, or a second request carrying the token.
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new DrupalException(
                    "InvalidPath",
                    DrupalErrorCategory.InvalidArgument,
                    $"The address {RequestText.Printable(uri.OriginalString)} names a user or password before the host; it was not sent, since the password would travel along and could be logged.",
                    RequestText.Printable(uri.OriginalString));
            }

            foreach (var header in headers ?? Array.Empty<KeyValuePair<string, string>>())
            {
                RequestText.HeaderValue(header.Value, RequestText.HeaderName(header.Key, "-Headers"), "-Headers");
            }

            RequestText.HeaderValue(accept, "Accept", "-Headers");
            if (authorization != null)
            {
                RequestText.HeaderValue(authorization, "Authorization", "The connection's credentials");
            }

            Method = method;
            Uri = uri;
            _content = content;
            IsIdempotent = isIdempotent;
            CarriesSecret = carriesSecret;
            Authorization = authorization;
            Accept = accept;
            Headers = headers ?? Array.Empty<KeyValuePair<string, string>>();
            Options = options ?? CallOptions.None;
            ResponseFile = responseFile;
            RetryBeforeAnswer = retryBeforeAnswer;
            ReadResponse = readResponse;
        }

        public HttpMethod Method { get; }

        /// <summary>
        /// Not safe to repeat once processed (a PATCH), but safe when the connection broke before any answer came,
        /// since the server then did not act on it.
        /// </summary>
        public bool RetryBeforeAnswer { get; }

        public Uri Uri { get; }

        /// <summary>Sending it twice does no harm (a query, a GET, a token request), so a lost answer may be retried.</summary>
        public bool IsIdempotent { get; }

        /// <summary>Holds the client secret: it never follows a redirect to another origin.</summary>
        public bool CarriesSecret { get; }

        /// <summary>The Authorization header; sent to this request's origin only, never written to a log.</summary>
        public string? Authorization { get; }

        public string Accept { get; }

        /// <summary>Headers the caller added; never Authorization, which the connection owns.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        /// <summary>The call's own timeout and retries, where they differ from the connection's.</summary>
        public CallOptions Options { get; }

        /// <summary>
        /// Where a successful answer's body goes instead of memory, opened anew for each attempt, so that a large
        /// download never sits in memory whole and a retried one starts from an empty file.
        /// </summary>
        public Func<Stream>? ResponseFile { get; }

        /// <summary>
        /// Reads a successful JSON answer's body as it arrives, instead of into memory first, so that what it
        /// holds can be handed out before the last byte has come; its result is <see cref="HttpResult.Content"/>.
        /// An answer that breaks once this has started is not sent again, since part of it may have been used.
        /// </summary>
        public Func<Stream, CancellationToken, Task<object?>>? ReadResponse { get; }

        public OutgoingRequest WithAuthorization(string authorization) =>
            new OutgoingRequest(Method, Uri, _content, IsIdempotent, CarriesSecret, authorization, Accept, Headers, Options, ResponseFile, RetryBeforeAnswer, ReadResponse);

        public HttpRequestMessage ToMessage(Uri target)
        {
            var message = new HttpRequestMessage(Method, target) { Content = _content?.Invoke() };
            message.Headers.Accept.ParseAdd(Accept);
            foreach (var header in Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    message.Content ??= new ByteArrayContent(Array.Empty<byte>());
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            if (Authorization != null && IsSameOrigin(target, Uri))
            {
                message.Headers.TryAddWithoutValidation("Authorization", Authorization);
            }

            return message;
        }

        public static bool IsSameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
    }
}
