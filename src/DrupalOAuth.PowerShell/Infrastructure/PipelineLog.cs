using System.Collections.Concurrent;
using System.Collections.Generic;
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
        private readonly BlockingCollection<Entry> _entries = new BlockingCollection<Entry>();
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
        public void Complete() => _entries.CompleteAdding();

        /// <summary>Writes entries as they come until <see cref="Complete"/>; call on the pipeline thread.</summary>
        public void WriteUntilComplete(Cmdlet cmdlet)
        {
            foreach (var entry in _entries.GetConsumingEnumerable())
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

            _entries.Dispose();
        }

        private void Add(Entry entry)
        {
            try
            {
                _entries.TryAdd(entry);
            }
            catch (System.InvalidOperationException)
            {
                // Completed or disposed already (ObjectDisposedException is one too): the cmdlet has moved on.
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
