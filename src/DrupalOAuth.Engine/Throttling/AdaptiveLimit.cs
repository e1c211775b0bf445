using System;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;

namespace DrupalOAuth.Throttling
{
    /// <summary>
    /// How many requests of one job (one cmdlet call) may be in flight, adapted to what the site answers: a 429 or 503
    /// halves it (never below 1; once per crowd of answers, not once per answer of requests sent before the cut), and
    /// each run of <see cref="Current"/> successes in a row opens one more slot, up to <see cref="Maximum"/> (additive
    /// increase, multiplicative decrease). Ten 5xx answers in a row (other than a 503 with Retry-After) break it: the
    /// job stops with SiteFailing instead of hammering a failing site. Thread-safe; the HTTP pipeline reports every
    /// attempt of a request whose CallOptions carry it.
    /// </summary>
    public sealed class AdaptiveLimit
    {
        /// <param name="maximum">-ThrottleLimit: 1 to 16.</param>
        public AdaptiveLimit(int maximum) => throw new NotImplementedException();

        public int Maximum => throw new NotImplementedException();

        /// <summary>The slots open now, 1 to <see cref="Maximum"/>.</summary>
        public int Current => throw new NotImplementedException();

        /// <summary>Slots taken now.</summary>
        public int InFlight => throw new NotImplementedException();

        /// <summary>
        /// Takes a slot, waiting while <see cref="InFlight"/> is at <see cref="Current"/>; disposing the result gives it
        /// back. SiteFailing once the limit is broken.
        /// </summary>
        public Task<IDisposable> EnterAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>
        /// One attempt's outcome, from the HTTP pipeline: a result (its status), or a failure (a lost connection counts
        /// as a 5xx for the breaker). Writes a verbose line to <paramref name="log"/> each time the limit backs off or grows.
        /// </summary>
        internal void Report(HttpResult? result, DrupalException? failure, IDrupalLog log) => throw new NotImplementedException();
    }
}
