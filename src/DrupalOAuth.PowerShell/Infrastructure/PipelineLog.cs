using System.Collections.Concurrent;
using System.Management.Automation;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// Takes the engine's log lines from any thread and writes them on the pipeline thread, the only one allowed
    /// to write to PowerShell's streams, while the cmdlet waits for the engine.
    /// </summary>
    internal sealed class PipelineLog : IDrupalLog
    {
        private readonly BlockingCollection<(bool IsVerbose, string? Text, ProgressRecord? Progress)> _lines = new BlockingCollection<(bool, string?, ProgressRecord?)>();

        public void Verbose(string message) => Add((true, message, null));

        public void Debug(string message) => Add((false, message, null));

        /// <summary>A progress record from any thread, written like the lines (an upload reports as it reads its file).</summary>
        public void Progress(ProgressRecord record) => Add((false, null, record));

        /// <summary>No more lines: the work is done. Lines from a token fetch that outlives it are dropped.</summary>
        public void Complete() => _lines.CompleteAdding();

        /// <summary>Writes lines as they come until <see cref="Complete"/>; call on the pipeline thread.</summary>
        public void WriteUntilComplete(Cmdlet cmdlet)
        {
            foreach (var (isVerbose, text, progress) in _lines.GetConsumingEnumerable())
            {
                if (progress != null)
                {
                    cmdlet.WriteProgress(progress);
                }
                else if (isVerbose)
                {
                    cmdlet.WriteVerbose(text);
                }
                else
                {
                    cmdlet.WriteDebug(text);
                }
            }

            _lines.Dispose();
        }

        private void Add((bool, string?, ProgressRecord?) line)
        {
            try
            {
                _lines.TryAdd(line);
            }
            catch (System.InvalidOperationException)
            {
                // Completed or disposed already (ObjectDisposedException is one too): the cmdlet has moved on.
            }
        }
    }
}
