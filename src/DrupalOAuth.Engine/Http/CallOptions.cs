using System;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// What one call changes of its connection's timeout and retries, as Invoke-RestMethod users expect to set them
    /// per call. A value left null keeps the connection's.
    /// </summary>
    public sealed class CallOptions
    {
        public CallOptions(int? timeoutSec = null, int? maximumRetryCount = null, int? retryIntervalSec = null)
        {
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            RetryIntervalSec = retryIntervalSec;
        }

        public static CallOptions None { get; } = new CallOptions();

        public int? TimeoutSec { get; }

        public int? MaximumRetryCount { get; }

        public int? RetryIntervalSec { get; }

        internal TimeSpan TimeoutOr(TimeSpan connectionTimeout) =>
            TimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : connectionTimeout;

        internal RetryPolicy RetryOr(RetryPolicy connectionRetry) =>
            MaximumRetryCount == null && RetryIntervalSec == null
                ? connectionRetry
                : connectionRetry.With(MaximumRetryCount, RetryIntervalSec is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null);
    }
}
