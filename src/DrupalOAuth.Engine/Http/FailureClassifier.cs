using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// The one place that says what an attempt's failure was. Only the network failing is ConnectionFailed or
    /// ConnectionLost, and only ConnectionLost may be retried: what failed here (the file being uploaded, the
    /// -OutFile, the size limit) raised its own error inside the streams HttpClient reads and writes, and that
    /// error is found again under whatever HttpClient wrapped it in, so that it is neither retried nor reported as
    /// the site's fault.
    /// </summary>
    internal static class FailureClassifier
    {
        /// <summary>
        /// The error for an exception out of one attempt; null for one that is not the network's, the local file's
        /// or the time limit's, which is left to surface as it is (a defect, not an answer to classify).
        /// </summary>
        public static DrupalException? Classify(Exception e, HttpMethod method, Uri target, bool timedOut, TimeSpan timeLimit, bool answered, bool reading)
        {
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is DrupalException own)
                {
                    return own;
                }
            }

            var transport = e is HttpRequestException || e is IOException || e is WebException || e is SocketException;
            if (timedOut && (transport || e is OperationCanceledException || e is ObjectDisposedException))
            {
                return new DrupalException(
                    "Timeout",
                    DrupalErrorCategory.OperationTimeout,
                    $"{method} {target} did not complete within {timeLimit.TotalSeconds:0.###} seconds. The site may be slow or unreachable; raise -TimeoutSec if it needs longer.",
                    target,
                    e);
            }

            if (!transport)
            {
                return null;
            }

            var failure = TransportFailure(method, target, e);
            failure.Data[HttpPipeline.AnswerStarted] = answered;
            failure.Data[HttpPipeline.PartlyRead] = reading;
            return failure;
        }

        /// <summary>
        /// The exceptions of a local file system refusing or failing (no such folder, access denied, disk full, a
        /// bad path), as opposed to a defect; where a local file is read or written, they become that file's error.
        /// </summary>
        public static bool IsFileSystem(Exception e) =>
            e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException || e is System.Security.SecurityException;

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
    }
}
