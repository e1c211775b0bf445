using System.Collections.Concurrent;

namespace DrupalOAuth.Diagnostics
{
    /// <summary>
    /// Keeps the lines of work started ahead of time (a page fetched while the one before is written), to be
    /// written into the log of the call that uses its result, where they then appear in order.
    /// </summary>
    internal sealed class BufferedLog : IDrupalLog
    {
        private readonly ConcurrentQueue<(bool IsVerbose, string Text)> _lines = new ConcurrentQueue<(bool, string)>();

        public void Verbose(string message) => _lines.Enqueue((true, message));

        public void Debug(string message) => _lines.Enqueue((false, message));

        public void WriteTo(IDrupalLog log)
        {
            while (_lines.TryDequeue(out var line))
            {
                if (line.IsVerbose)
                {
                    log.Verbose(line.Text);
                }
                else
                {
                    log.Debug(line.Text);
                }
            }
        }
    }
}
