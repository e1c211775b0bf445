using System;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// What one call changes of its connection's timeout, retries and answer size limit, as Invoke-RestMethod users
    /// expect to set them per call. A value left null keeps the connection's.
    /// </summary>
    public sealed class CallOptions
    {
        public CallOptions(int? timeoutSec = null, int? maximumRetryCount = null, int? retryIntervalSec = null, long? maximumResponseSize = null, AdaptiveLimit? limit = null)
        {
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            RetryIntervalSec = retryIntervalSec;
            MaximumResponseSize = maximumResponseSize;
            Limit = limit;
        }

        public static CallOptions None { get; } = new CallOptions();

        public int? TimeoutSec { get; }

        public int? MaximumRetryCount { get; }

        public int? RetryIntervalSec { get; }

        /// <summary>The most bytes an answer may hold once inflated; 0 for no limit.</summary>
        public long? MaximumResponseSize { get; }

        /// <summary>The call's adaptive limit of requests in flight (-ThrottleLimit), told of every attempt's outcome; null: none.</summary>
        public AdaptiveLimit? Limit { get; }

        internal TimeSpan TimeoutOr(TimeSpan connectionTimeout) =>
            TimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : connectionTimeout;

        internal long MaximumResponseSizeOr(long connectionLimit) => MaximumResponseSize ?? connectionLimit;

        internal RetryPolicy RetryOr(RetryPolicy connectionRetry) =>
            MaximumRetryCount == null && RetryIntervalSec == null
                ? connectionRetry
                : connectionRetry.With(MaximumRetryCount, RetryIntervalSec is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null);
    }
}
