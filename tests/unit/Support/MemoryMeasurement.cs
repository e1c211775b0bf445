using Xunit;

namespace DrupalOAuth.Tests.Support;

/// <summary>
/// Tests that measure the managed heap run alone: the heap is the process's, and tests running beside them in
/// parallel would count in it (seen: an xlsx write "grew" the heap by 50 MB in a full run, by 3.5 MB alone).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement";
}
