using System;
using System.Collections.Generic;
using System.Globalization;
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
        /// <summary>The ErrorId once the limit is broken.</summary>
        public const string SiteFailingId = "SiteFailing";

        /// <summary>5xx answers (or lost connections) in a row that break the limit.</summary>
        public const int FailuresToBreak = 10;

        private readonly object _gate = new object();
        private readonly LinkedList<Waiter> _waiters = new LinkedList<Waiter>();
        private int _current;
        private int _inFlight;
        private long _generation;
        private int _successes;
        private int _failures;
        private string? _lastFailure;
        private bool _broken;
        private long _completed;

        /// <param name="maximum">-ThrottleLimit: 1 to 16.</param>
        public AdaptiveLimit(int maximum)
        {
            if (maximum < 1 || maximum > 16)
            {
                throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "The throttle limit is 1 to 16.");
            }

            Maximum = maximum;
            _current = maximum;
        }

        public int Maximum { get; }

        /// <summary>The slots open now, 1 to <see cref="Maximum"/>.</summary>
        public int Current
        {
            get
            {
                lock (_gate)
                {
                    return _current;
                }
            }
        }

        /// <summary>Slots taken now.</summary>
        public int InFlight
        {
            get
            {
                lock (_gate)
                {
                    return _inFlight;
                }
            }
        }

        /// <summary>
        /// The items the job has done, as its caller counts them (<see cref="AddCompleted"/>): the SiteFailing message
        /// gives it, so that the user knows how far the job came.
        /// </summary>
        public long Completed => Interlocked.Read(ref _completed);

        /// <summary>
        /// Which back-off the limit is at: taken when a request is sent and handed back with its answer to
        /// <see cref="Report(HttpResult?, DrupalException?, IDrupalLog, long)"/>, so that the answers of requests sent
        /// before a cut do not cut again.
        /// </summary>
        internal long Generation => Interlocked.Read(ref _generation);

        public void AddCompleted(long items) => Interlocked.Add(ref _completed, items);

        /// <summary>
        /// Takes a slot, waiting while <see cref="InFlight"/> is at <see cref="Current"/>; disposing the result gives it
        /// back. SiteFailing once the limit is broken.
        /// </summary>
        public Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Waiter waiter;
            lock (_gate)
            {
                if (_broken)
                {
                    throw Failure();
                }

                if (_inFlight < _current && _waiters.Count == 0)
                {
                    _inFlight++;
                    return Task.FromResult<IDisposable>(new Slot(this));
                }

                // Continuations run elsewhere, so that whoever frees a slot does not run the next request's work.
                waiter = new Waiter(new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously));
                waiter.Node = _waiters.AddLast(waiter);
            }

            if (cancellationToken.CanBeCanceled)
            {
                waiter.Cancellation = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
            }

            return waiter.Source.Task;
        }

        /// <summary>
        /// One attempt's outcome, from the HTTP pipeline: a result (its status), or a failure (a lost connection counts
        /// as a 5xx for the breaker). Writes a verbose line to <paramref name="log"/> each time the limit backs off or grows.
        /// </summary>
        /// <param name="sentIn">The <see cref="Generation"/> when the request was sent.</param>
        /// <exception cref="DrupalException">SiteFailing: this failure broke the limit, or came after it broke.</exception>
        internal void Report(HttpResult? result, DrupalException? failure, IDrupalLog log, long sentIn)
        {
            var status = result?.StatusCode ?? 0;
            var cut = status == 429 || status == 503;
            var serverFailed = result == null ? failure != null : status >= 500 && !(status == 503 && result.RetryAfter != null);
            string? line = null;
            List<Waiter>? woken = null;
            List<Waiter>? refused = null;
            bool broken;
            lock (_gate)
            {
                if (serverFailed)
                {
                    _failures++;
                    _lastFailure = result?.Status ?? failure!.Message;
                    if (_failures >= FailuresToBreak && !_broken)
                    {
                        _broken = true;
                        refused = new List<Waiter>(_waiters);
                        foreach (var waiter in refused)
                        {
                            waiter.Node = null;
                        }

                        _waiters.Clear();
                    }
                }
                else if (!cut)
                {
                    _failures = 0;
                }

                if (cut || status >= 500 || failure != null)
                {
                    _successes = 0;
                    if (cut && sentIn == _generation && _current > 1)
                    {
                        var before = _current;
                        _current = Math.Max(1, _current / 2);
                        _generation++;
                        line = string.Format(CultureInfo.InvariantCulture, "Drupal answered {0}: {1} requests at once are now {2}.", status, before, _current);
                    }
                }
                else if (_current < Maximum && ++_successes >= _current)
                {
                    _successes = 0;
                    _current++;
                    line = string.Format(CultureInfo.InvariantCulture, "Drupal answered {0} requests in a row without a 429, 503 or failure: now {1} at once.", _current - 1, _current);
                    woken = TakeWaiters();
                }

                broken = _broken;
            }

            if (line != null)
            {
                log.Verbose(line);
            }

            Wake(woken);
            foreach (var waiter in refused ?? new List<Waiter>())
            {
                waiter.Cancellation.Dispose();
                waiter.Source.TrySetException(Failure());
            }

            if (serverFailed && broken)
            {
                throw Failure();
            }
        }

        /// <summary>SiteFailing, made now: with the items done so far (<see cref="Completed"/>).</summary>
        internal DrupalException Failure()
        {
            string last;
            lock (_gate)
            {
                last = _lastFailure ?? string.Empty;
            }

            return new DrupalException(
                SiteFailingId,
                DrupalErrorCategory.ResourceUnavailable,
                string.Format(CultureInfo.InvariantCulture, "Drupal failed {0} requests in a row (the last: {1}). Stopped so as not to hammer a failing site; {2} items were done. Check the site (its log, its database, its disk) and run the command again.", FailuresToBreak, last, Completed));
        }

        private void Leave()
        {
            List<Waiter>? woken;
            lock (_gate)
            {
                _inFlight--;
                woken = TakeWaiters();
            }

            Wake(woken);
        }

        /// <summary>The waiters that the open slots now admit, counted in; called under the lock, woken outside it.</summary>
        private List<Waiter>? TakeWaiters()
        {
            List<Waiter>? woken = null;
            while (_inFlight < _current && _waiters.First != null)
            {
                var waiter = _waiters.First.Value;
                _waiters.RemoveFirst();
                waiter.Node = null;
                _inFlight++;
                (woken ??= new List<Waiter>()).Add(waiter);
            }

            return woken;
        }

        private void Wake(List<Waiter>? woken)
        {
            if (woken == null)
            {
                return;
            }

            foreach (var waiter in woken)
            {
                waiter.Cancellation.Dispose();
                if (!waiter.Source.TrySetResult(new Slot(this)))
                {
                    // Cancelled meanwhile: the slot it was counted in for is free again.
                    Leave();
                }
            }
        }

        private void Cancel(Waiter waiter, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (waiter.Node == null)
                {
                    // Already admitted (or failed): the slot is its own.
                    return;
                }

                _waiters.Remove(waiter.Node);
                waiter.Node = null;
            }

            waiter.Source.TrySetCanceled(cancellationToken);
        }

        private sealed class Waiter
        {
            public Waiter(TaskCompletionSource<IDisposable> source) => Source = source;

            public TaskCompletionSource<IDisposable> Source { get; }

            public LinkedListNode<Waiter>? Node { get; set; }

            public CancellationTokenRegistration Cancellation { get; set; }
        }

        private sealed class Slot : IDisposable
        {
            private AdaptiveLimit? _limit;

            public Slot(AdaptiveLimit limit) => _limit = limit;

            public void Dispose() => Interlocked.Exchange(ref _limit, null)?.Leave();
        }
    }
}
