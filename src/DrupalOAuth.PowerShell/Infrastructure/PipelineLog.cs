using System.Collections.Concurrent;
using System;
using System.Collections.Generic;
using System.Threading;
using System.Management.Automation;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// Takes the engine's log lines, progress and streamed output from any thread and writes them, in the order
    /// they came, on the pipeline thread, the only one allowed to write to PowerShell's streams, while the cmdlet
    /// waits for the engine.
    /// </summary>
    internal sealed class PipelineLog : IDrupalLog
    {
        /// <summary>
        /// How many streamed items may wait for the pipeline before the thread reading the answer waits too: enough to
        /// keep a fast pipeline busy, few enough that a slow one holds only a few megabytes of items.
        /// </summary>
        internal const int OutputCapacity = 4096;

        // Not a BlockingCollection: waiting on it, the pipeline thread was asleep when the answer came, and waking it
        // cost about 110 us a call (measured: 400 us a small GraphQL call against 290 us with this event, which
        // spins a little before it sleeps, as Task.Wait does, and so catches a quick answer awake).
        private readonly ConcurrentQueue<Entry> _entries = new ConcurrentQueue<Entry>();
        private readonly ManualResetEventSlim _arrived = new ManualResetEventSlim(false);
        // Set while fewer than OutputCapacity items wait. Never disposed: it has no wait handle unless one is asked for,
        // and the reading thread may still touch it after the pipeline thread has moved on.
        private readonly ManualResetEventSlim _roomForOutput = new ManualResetEventSlim(true);
        private int _queuedItems;
        private bool _waitedForRoom;
        private volatile bool _complete;
        private volatile bool _dropOutput;
        private readonly bool _verbose;
        private readonly bool _debug;

        // The thread that drains the queue: the one that makes the log, the cmdlet's pipeline thread.
        private readonly int _pipelineThread = Environment.CurrentManagedThreadId;

        /// <param name="verbose">Whether verbose lines are written at all; when not, they are dropped here.</param>
        /// <param name="debug">Whether debug lines are written at all.</param>
        public PipelineLog(bool verbose = true, bool debug = true)
        {
            _verbose = verbose;
            _debug = debug;
        }

        private enum Kind
        {
            Verbose,
            Debug,
            Progress,
            Output,
        }

        public void Verbose(string message)
        {
            if (_verbose)
            {
                Add(new Entry(Kind.Verbose, message));
            }
        }

        public void Debug(string message)
        {
            if (_debug)
            {
                Add(new Entry(Kind.Debug, message));
            }
        }

        /// <summary>A progress record from any thread, written like the lines (an upload reports as it reads its file).</summary>
        public void Progress(ProgressRecord record) => Add(new Entry(Kind.Progress, record));

        /// <summary>
        /// Items for the pipeline, from the thread reading an answer as it arrives. While the pipeline is
        /// <see cref="OutputCapacity"/> items behind, it waits (back-pressure: the answer is then read at the
        /// pipeline's pace, so memory stays bounded whatever comes); <paramref name="cancellationToken"/> (the read's
        /// timeout, or Ctrl+C) ends the wait at once with an OperationCanceledException. The request's -TimeoutSec
        /// thus bounds the read including the time it waits for a slow pipeline.
        /// </summary>
        public void Output(IReadOnlyList<object?> items, CancellationToken cancellationToken)
        {
            // Engine work starts on the pipeline thread and stays there until its first await that does not complete at
            // once; a fast answer (loopback, a cached page) can be read that far in. Waiting for room there would wait
            // for this very thread to drain the queue, so a deadlock until -TimeoutSec (seen with a 20 MB answer):
            // only another thread waits, and the queue takes what the pipeline thread reads.
            while (Environment.CurrentManagedThreadId != _pipelineThread && !_complete && Volatile.Read(ref _queuedItems) >= OutputCapacity)
            {
                // Reset, then look again, so that room made in between sets the event again.
                _roomForOutput.Reset();
                if (_complete || Volatile.Read(ref _queuedItems) < OutputCapacity)
                {
                    break;
                }

                if (!_waitedForRoom)
                {
                    _waitedForRoom = true;
                    Verbose($"The pipeline is {OutputCapacity} items behind: reading the answer waits for it, and the wait counts toward -TimeoutSec.");
                }

                _roomForOutput.Wait(cancellationToken);
            }

            Interlocked.Add(ref _queuedItems, items.Count);
            Add(new Entry(Kind.Output, items));
        }

        /// <summary>
        /// No more entries: the work is done. Lines from a token fetch that outlives it are dropped; with
        /// <paramref name="dropOutput"/> (the work failed or was stopped) so are the items still queued, so that the
        /// call ends at once rather than after a slow pipeline has taken them all.
        /// </summary>
        public void Complete(bool dropOutput = false)
        {
            _dropOutput = dropOutput;
            _complete = true;
            _roomForOutput.Set();
            Signal();
        }

        /// <summary>Writes entries as they come until <see cref="Complete"/>; call on the pipeline thread.</summary>
        public void WriteUntilComplete(DrupalCmdlet cmdlet)
        {
            while (true)
            {
                // Reset before draining, so that an entry added after the drain sets the event again.
                _arrived.Reset();
                var complete = _complete;
                while (_entries.TryDequeue(out var entry))
                {
                    Write(cmdlet, entry);
                }

                if (complete)
                {
                    break;
                }

                _arrived.Wait();
            }

            _arrived.Dispose();
        }

        // Through DrupalCmdlet, whose lines are scrubbed of secrets.
        private void Write(DrupalCmdlet cmdlet, Entry entry)
        {
            switch (entry.Kind)
            {
                case Kind.Output:
                    foreach (var item in (IReadOnlyList<object?>)entry.Value!)
                    {
                        if (_dropOutput)
                        {
                            return;
                        }

                        cmdlet.WriteObject(item);
                        if (Interlocked.Decrement(ref _queuedItems) == OutputCapacity - 1)
                        {
                            _roomForOutput.Set();
                        }
                    }

                    break;
                case Kind.Progress:
                    cmdlet.WriteProgress((ProgressRecord)entry.Value!);
                    break;
                case Kind.Verbose:
                    cmdlet.WriteVerbose((string)entry.Value!);
                    break;
                default:
                    cmdlet.WriteDebug((string)entry.Value!);
                    break;
            }
        }

        private void Add(Entry entry)
        {
            if (_complete)
            {
                // The cmdlet has moved on.
                return;
            }

            _entries.Enqueue(entry);
            Signal();
        }

        private void Signal()
        {
            try
            {
                _arrived.Set();
            }
            catch (ObjectDisposedException)
            {
                // Done writing already: what came after Complete is dropped.
            }
        }

        private readonly struct Entry
        {
            public Entry(Kind kind, object? value)
            {
                Kind = kind;
                Value = value;
            }

            public Kind Kind { get; }

            public object? Value { get; }
        }
    }
}
