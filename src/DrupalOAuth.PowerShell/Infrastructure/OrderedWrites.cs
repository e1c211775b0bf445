using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// One cmdlet call's writes with up to -ThrottleLimit items in flight, their results (output, error record, and
    /// the lines of their work) written in input order on the pipeline thread. An item is taken from the pipeline only
    /// when fewer than <see cref="AdaptiveLimit.Maximum"/> are held, so memory stays flat however many come. When
    /// the call is stopped (Ctrl+C, Select-Object -First downstream) every request in flight is cancelled at once,
    /// and the items not done are reported on the host, since a stopping pipeline takes no more records.
    /// </summary>
    internal sealed class OrderedWrites
    {
        private readonly DrupalCmdlet _cmdlet;
        private readonly AdaptiveLimit _limit;
        private readonly CancellationTokenSource _cancel;
        private readonly Action? _written;
        private readonly Queue<Item> _held = new Queue<Item>();
        private int _done;

        /// <param name="stopping">The cmdlet's own token (Ctrl+C); the writes also end themselves (downstream stopped, the site failing).</param>
        /// <param name="written">Called on the pipeline thread after each item's result is written (progress).</param>
        public OrderedWrites(DrupalCmdlet cmdlet, AdaptiveLimit limit, CancellationToken stopping, Action? written = null)
        {
            _cmdlet = cmdlet;
            _limit = limit;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _written = written;
        }

        /// <summary>
        /// Starts one item's request once a slot is free, after writing the results of the items before it that
        /// are done (and waiting for the first of them while <see cref="AdaptiveLimit.Maximum"/> are held).
        /// </summary>
        /// <param name="failed">The output written after the error record of an item Drupal refused; none when null.</param>
        public void Add(string description, Func<IDrupalLog, CancellationToken, Task<object?>> send, Func<DrupalException, object>? failed = null)
        {
            WriteDone(_limit.Maximum - 1);
            var item = new Item(description, failed);
            item.Task = Task.Run(async () =>
            {
                using (await _limit.EnterAsync(_cancel.Token).ConfigureAwait(false))
                {
                    item.Sent = true;
                    return await send(item.Log, _cancel.Token).ConfigureAwait(false);
                }
            });
            _held.Enqueue(item);
        }

        /// <summary>An item whose result needs no request (refused at once, or nothing to send): written in its place.</summary>
        public void Completed(DrupalException? error, object? result)
        {
            WriteDone(_limit.Maximum - 1);
            var item = new Item(null, error == null ? null : (Func<DrupalException, object>?)(e => result!));
            var done = new TaskCompletionSource<object?>();
            if (error == null)
            {
                done.SetResult(result);
            }
            else
            {
                done.SetException(error);
            }

            item.Task = done.Task;
            _held.Enqueue(item);
        }

        /// <summary>Once every item has come: waits for the rest and writes their results.</summary>
        public void Finish() => WriteDone(0);

        /// <summary>
        /// The command ended otherwise (a terminating error, or Ctrl+C while the pipeline thread was upstream): nothing
        /// more is sent, and the items still held are reported as not done.
        /// </summary>
        public void Abandon() => Stopped();

        // Writes the results of the items at the head that are done, waiting for them while more than `hold` are held.
        private void WriteDone(int hold)
        {
            while (_held.Count > 0 && (_held.Count > hold || _held.Peek().Task!.IsCompleted))
            {
                var item = _held.Peek();
                WaitFor(item.Task!);
                try
                {
                    Write(item);
                }
                catch (Exception e) when (!(e is DrupalException))
                {
                    // Ctrl+C, or downstream stopped (Select-Object -First) or failed: the rest are not wanted. An item
                    // done was handed on (Select-Object -First stops upstream on taking its last), so it is not listed.
                    if (item.Task!.Status == TaskStatus.RanToCompletion)
                    {
                        _held.Dequeue();
                    }

                    Stopped();
                    throw;
                }

                _held.Dequeue();
                _written?.Invoke();
            }
        }

        private void Write(Item item)
        {
            item.Log.WriteTo(_cmdlet.WriteVerbose, _cmdlet.WriteDebug);
            var task = item.Task!;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                _done++;
                _limit.AddCompleted(1);
                if (task.Result != null)
                {
                    _cmdlet.WriteObject(task.Result);
                }

                return;
            }

            if (task.IsCanceled || task.Exception!.InnerException is OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }

            var error = task.Exception!.InnerException!;
            if (!(error is DrupalException failure))
            {
                ExceptionDispatchInfo.Capture(error).Throw();
                return;
            }

            if (failure.ErrorId == AdaptiveLimit.SiteFailingId)
            {
                // The breaker: nothing more is sent to a failing site; the items before are written, the rest listed.
                _cancel.Cancel();
                throw SiteFailing(failure);
            }

            _cmdlet.WriteError(item.Description == null ? failure : new DrupalException(failure.ErrorId, failure.Category, $"{item.Description}: {failure.Message}", failure.Target, failure, failure.FurtherErrors));
            if (item.Failed != null && item.Failed(failure) is object result)
            {
                _cmdlet.WriteObject(result);
            }
        }

        // The limit's message says how many items were done; the items held are named, the ones after them never started.
        private DrupalException SiteFailing(DrupalException failure)
        {
            var notDone = NotDone();
            _held.Clear();
            return new DrupalException(
                failure.ErrorId,
                failure.Category,
                $"{failure.Message} Not done: {string.Join("; ", notDone)}, and every item after them.",
                failure.Target,
                failure);
        }

        // Called on the pipeline thread once the call is stopping: cancels what is in flight and tells the host, once,
        // which items are not done.
        private void Stopped()
        {
            _cancel.Cancel();
            var notDone = NotDone();
            _held.Clear();
            if (notDone.Count == 0)
            {
                return;
            }

            var ui = _cmdlet.Host?.UI;
            if (ui == null)
            {
                return;
            }

            try
            {
                ui.WriteWarningLine(SecretScrubber.Shared.Scrub(string.Format(CultureInfo.InvariantCulture, "{0} stopped after {1} item{2} done and written; the items it had taken after them:", _cmdlet.MyInvocation.MyCommand.Name, _done, _done == 1 ? string.Empty : "s")));
                foreach (var line in notDone)
                {
                    ui.WriteWarningLine(SecretScrubber.Shared.Scrub("  " + line));
                }
            }
            catch (Exception e) when (e is PipelineStoppedException || e is NotImplementedException || e is InvalidOperationException)
            {
                // A host that takes nothing more: there is no one left to tell.
            }
        }

        // Waits for every held item (cancelled ones end at once) and names those not done, in input order.
        private List<string> NotDone()
        {
            var lines = new List<string>();
            foreach (var item in _held)
            {
                WaitFor(item.Task!);
                var task = item.Task!;
                var what = item.Description ?? "an item";
                if (task.Status == TaskStatus.RanToCompletion)
                {
                    lines.Add($"{what}: done, but its result was not written");
                }
                else if (task.IsCanceled || task.Exception!.InnerException is OperationCanceledException)
                {
                    lines.Add(item.Sent ? $"{what}: sent, then cancelled: its effect on the site is unknown: check it" : $"{what}: not sent");
                }
                else if (task.Exception!.InnerException is DrupalException failure && failure.ErrorId == AdaptiveLimit.SiteFailingId)
                {
                    lines.Add($"{what}: not done");
                }
                else
                {
                    lines.Add($"{what}: failed: {task.Exception!.InnerException!.Message}");
                }
            }

            return lines;
        }

        private static void WaitFor(Task task) => ((IAsyncResult)task).AsyncWaitHandle.WaitOne();

        private sealed class Item
        {
            public Item(string? description, Func<DrupalException, object>? failed)
            {
                Description = description;
                Failed = failed;
            }

            public string? Description { get; }

            public Func<DrupalException, object>? Failed { get; }

            public BufferedLog Log { get; } = new BufferedLog();

            public Task<object?>? Task { get; set; }

            public volatile bool Sent;
        }
    }
}
