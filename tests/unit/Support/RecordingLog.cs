using System.Collections.Concurrent;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Tests.Support;

/// <summary>Keeps every line the engine logs, from any thread.</summary>
public sealed class RecordingLog : IDrupalLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string AllText => string.Join("\n", _lines);

    public void Verbose(string message) => _lines.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => _lines.Enqueue("DEBUG: " + message);
}
