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
        // Not a BlockingCollection: waiting on it, the pipeline thread was asleep when the answer came, and waking it
        // cost about 110 us a call (measured: 400 us a small GraphQL call against 290 us with this event, which
        // spins a little before it sleeps, as Task.Wait does, and so catches a quick answer awake).
        private readonly ConcurrentQueue<Entry> _entries = new ConcurrentQueue<Entry>();
        private readonly ManualResetEventSlim _arrived = new ManualResetEventSlim(false);
        private volatile bool _complete;
        private readonly bool _verbose;
        private readonly bool _debug;

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
        /// Items for the pipeline, from the thread reading an answer as it arrives. Never blocks: an answer is
        /// read at the network's pace whatever the pipeline downstream does, so the request's timeout never
        /// depends on it.
        /// </summary>
        public void Output(IReadOnlyList<object?> items) => Add(new Entry(Kind.Output, items));

        /// <summary>No more entries: the work is done. Lines from a token fetch that outlives it are dropped.</summary>
        public void Complete()
        {
            _complete = true;
            Signal();
        }

        /// <summary>Writes entries as they come until <see cref="Complete"/>; call on the pipeline thread.</summary>
        public void WriteUntilComplete(Cmdlet cmdlet)
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

        private static void Write(Cmdlet cmdlet, Entry entry)
        {
            switch (entry.Kind)
            {
                case Kind.Output:
                    foreach (var item in (IReadOnlyList<object?>)entry.Value!)
                    {
                        cmdlet.WriteObject(item);
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
