using System;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// When to try a request again, as Invoke-RestMethod's -MaximumRetryCount does but safer: 429 and 503 wait
    /// for Retry-After (the server did not act on the request, so any method may repeat), 502, 504 and a broken
    /// connection retry only what is safe to repeat, with exponential backoff and jitter.
    /// </summary>
    internal sealed class RetryPolicy
    {
        /// <summary>A Retry-After beyond this is reported, not waited for: a job should fail, not sleep for an hour.</summary>
        public static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromSeconds(60);

        private static readonly TimeSpan MaximumBackoff = TimeSpan.FromSeconds(30);
        private static readonly Random SharedRandom = new Random();

        private readonly Func<double> _random;

        public RetryPolicy(int maximumRetryCount, TimeSpan retryInterval, Func<double>? random = null)
        {
            MaximumRetryCount = Math.Max(0, maximumRetryCount);
            RetryInterval = retryInterval;
            _random = random ?? NextShared;
        }

        public static RetryPolicy None { get; } = new RetryPolicy(0, TimeSpan.Zero);

        /// <summary>This policy with a call's own retry count or interval.</summary>
        public RetryPolicy With(int? maximumRetryCount, TimeSpan? retryInterval) =>
            new RetryPolicy(maximumRetryCount ?? MaximumRetryCount, retryInterval ?? RetryInterval, _random);

        public int MaximumRetryCount { get; }

        /// <summary>The first backoff; each retry doubles it.</summary>
        public TimeSpan RetryInterval { get; }

        /// <summary>How long to wait before retry number <paramref name="retriesSoFar"/> + 1, or null for no retry.</summary>
        public TimeSpan? DelayBeforeRetry(OutgoingRequest request, HttpResult? result, DrupalException? failure, int retriesSoFar, out string reason)
        {
            reason = string.Empty;
            if (failure != null)
            {
                var beforeAnswer = !(failure.Data[HttpPipeline.AnswerStarted] is true);
                reason = "the connection broke";
                var mayRepeat = !(failure.Data[HttpPipeline.PartlyRead] is true) && (request.IsIdempotent || (request.RetryBeforeAnswer && beforeAnswer));
                return failure.ErrorId == "ConnectionLost" && mayRepeat && retriesSoFar < MaximumRetryCount ? Backoff(retriesSoFar) : (TimeSpan?)null;
            }

            switch (result?.StatusCode)
            {
                case 429:
                case 503:
                    if (result.RetryAfter is TimeSpan asked)
                    {
                        if (asked > MaximumRetryAfter)
                        {
                            throw new DrupalException(
                                "RetryAfterTooLong",
                                DrupalErrorCategory.ResourceUnavailable,
                                $"{result.Method} {result.RequestUri} answered {result.Status} and asked to retry after {asked.TotalSeconds:0} seconds, more than the {MaximumRetryAfter.TotalSeconds:0} seconds this module waits. Try again later.",
                                result.RequestUri);
                        }

                        reason = $"{result.Status}: Drupal asked to retry after {asked.TotalSeconds:0.#} s";
                        return retriesSoFar < MaximumRetryCount ? (asked < TimeSpan.Zero ? TimeSpan.Zero : asked) : (TimeSpan?)null;
                    }

                    reason = result.Status;
                    return (result.StatusCode == 429 || request.IsIdempotent) && retriesSoFar < MaximumRetryCount ? Backoff(retriesSoFar) : (TimeSpan?)null;
                case 502:
                case 504:
                    reason = result.Status;
                    return request.IsIdempotent && retriesSoFar < MaximumRetryCount ? Backoff(retriesSoFar) : (TimeSpan?)null;
                default:
                    return null;
            }
        }

        private TimeSpan Backoff(int retriesSoFar)
        {
            var exponential = Math.Min(MaximumBackoff.TotalMilliseconds, RetryInterval.TotalMilliseconds * Math.Pow(2, retriesSoFar));

            // Jitter: many runspaces that failed together must not come back together.
            return TimeSpan.FromMilliseconds(exponential * (0.5 + (_random() / 2)));
        }

        private static double NextShared()
        {
            lock (SharedRandom)
            {
                return SharedRandom.NextDouble();
            }
        }
    }
}
