using System;
using System.Net.Http;

namespace DrupalOAuth.Http
{
    /// <summary>A response read whole, within the request's timeout, so nothing downstream waits on the network.</summary>
    internal sealed class HttpResult
    {
        public HttpResult(HttpMethod method, Uri requestUri, int statusCode, string reasonPhrase, string? contentType, byte[] body, string? wwwAuthenticate, TimeSpan elapsed, Uri? location = null, TimeSpan? retryAfter = null, bool bodyWrittenToFile = false, bool isRead = false, object? content = null)
        {
            Method = method;
            RequestUri = requestUri;
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            ContentType = contentType;
            Body = body;
            WwwAuthenticate = wwwAuthenticate;
            Elapsed = elapsed;
            Location = location;
            RetryAfter = retryAfter;
            BodyWrittenToFile = bodyWrittenToFile;
            Content = content;
            IsRead = isRead;
        }

        public HttpMethod Method { get; }

        public Uri RequestUri { get; }

        public int StatusCode { get; }

        public string ReasonPhrase { get; }

        /// <summary>The media type alone, without parameters such as charset.</summary>
        public string? ContentType { get; }

        /// <summary>Empty when <see cref="BodyWrittenToFile"/> or the body was read as it came (<see cref="IsRead"/>).</summary>
        public byte[] Body { get; }

        /// <summary>The body went to the request's response file, not into memory.</summary>
        public bool BodyWrittenToFile { get; }

        /// <summary>The request's <see cref="OutgoingRequest.ReadResponse"/> read the body as it came, into <see cref="Content"/>.</summary>
        public bool IsRead { get; }

        /// <summary>What <see cref="OutgoingRequest.ReadResponse"/> made of the body.</summary>
        public object? Content { get; }

        public string? WwwAuthenticate { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>Where a redirect points, resolved against the request URI.</summary>
        public Uri? Location { get; }

        /// <summary>How long the server asked to wait, from a Retry-After header in seconds or as a date.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>How many times the request was sent again before this answer, so an error can say it persisted.</summary>
        public int Retries { get; internal set; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;

        /// <summary>For an error message: the status, and how often it came back when retries did not help ("503 Service Unavailable 4 times in a row").</summary>
        public string StatusAfterRetries => Retries == 0 ? Status : $"{Status} {Retries + 1} times in a row";

        /// <summary>For example "401 Unauthorized".</summary>
        public string Status => string.IsNullOrEmpty(ReasonPhrase) ? StatusCode.ToString() : $"{StatusCode} {ReasonPhrase}";
    }
}
