using System;
using System.Collections.Concurrent;

namespace DrupalOAuth.Diagnostics
{
    /// <summary>
    /// Keeps the lines of work started ahead of time or alongside other work (a page fetched while the one before is
    /// written, one item of a parallel write), to be written with the result that work gives, where they then appear
    /// in order. Lines logged after that (a token fetch outliving the work) are never written.
    /// </summary>
    public sealed class BufferedLog : IDrupalLog
    {
        private readonly ConcurrentQueue<(bool IsVerbose, string Text)> _lines = new ConcurrentQueue<(bool, string)>();

        public void Verbose(string message) => _lines.Enqueue((true, message));

        public void Debug(string message) => _lines.Enqueue((false, message));

        public void WriteTo(IDrupalLog log) => WriteTo(log.Verbose, log.Debug);

        public void WriteTo(Action<string> verbose, Action<string> debug)
        {
            while (_lines.TryDequeue(out var line))
            {
                (line.IsVerbose ? verbose : debug)(line.Text);
            }
        }
    }
}
