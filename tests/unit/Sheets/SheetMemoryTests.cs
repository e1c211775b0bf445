using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>Sheet files are written as rows come: the managed heap stays bounded over 100,000 rows.</summary>
[Collection(MemoryMeasurement.Name)]
public sealed class SheetMemoryTests : IDisposable
{
    private readonly SheetFolder _folder = new();
    private readonly ITestOutputHelper _output;

    public SheetMemoryTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("big.xlsx")]
    [InlineData("big.csv")]
    [InlineData("big.json")]
    public void A_hundred_thousand_rows_are_written_with_the_managed_heap_bounded(string name)
    {
        var path = _folder.File(name);

        var growth = MeasureGrowth(path);

        Assert.True(growth < 50L << 20, $"The managed heap grew by {growth >> 20} MB.");
        Assert.Equal(100_000, SheetReader.Read(path).Rows.Count);
    }

    /// <summary>Writes 100,000 rows and returns by how much the heap (after a full collection) grew at most.</summary>
    private long MeasureGrowth(string path)
    {
        var started = DateTime.UtcNow;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        using (var writer = SheetWriter.Create(path, new[] { "id", "title", "status", "created", "body.value" }))
        {
            for (var i = 1; i <= 100_000; i++)
            {
                writer.Write(new object?[] { (long)i, "Title " + i, i % 2 == 0, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), "<p>Body of row " + i + ", with some text.</p>" });
                if (i % 20_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }

            writer.Complete();
        }

        _output.WriteLine($"{Path.GetExtension(path)}: 100,000 rows, {new FileInfo(path).Length >> 10} KB, heap growth at most {peak >> 10} KB, {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        return peak;
    }
}
