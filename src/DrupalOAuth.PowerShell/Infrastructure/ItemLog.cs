using System.Collections.Concurrent;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// The lines of one item's work while other items' work runs alongside it, kept until the item's result is
    /// written, so that each item's lines come with its result, in input order.
    /// </summary>
    internal sealed class ItemLog : IDrupalLog
    {
        private readonly ConcurrentQueue<(bool IsVerbose, string Text)> _lines = new ConcurrentQueue<(bool, string)>();

        public void Verbose(string message) => _lines.Enqueue((true, message));

        public void Debug(string message) => _lines.Enqueue((false, message));

        /// <summary>On the pipeline thread; lines logged after this (a token fetch outliving the item) are dropped.</summary>
        public void WriteTo(DrupalCmdlet cmdlet)
        {
            while (_lines.TryDequeue(out var line))
            {
                if (line.IsVerbose)
                {
                    cmdlet.WriteVerbose(line.Text);
                }
                else
                {
                    cmdlet.WriteDebug(line.Text);
                }
            }
        }
    }
}
