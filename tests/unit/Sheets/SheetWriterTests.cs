using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>A sheet file is written beside its target and takes its place only when complete.</summary>
public sealed class SheetWriterTests : IDisposable
{
    private readonly SheetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Formats => new() { "csv", "xlsx", "json" };

    [Theory]
    [InlineData("a.xls")]
    [InlineData("a.txt")]
    [InlineData("a")]
    public void Another_extension_is_refused_naming_the_ones_taken(string name)
    {
        var e = DrupalAssert.Fails("InvalidSheetFormat", () => SheetWriter.Create(_folder.File(name), new[] { "id" }));

        Assert.Contains($"'{name}': use .csv, .xlsx or .json", e.Message);
        Assert.Empty(_folder.Names());
    }

    [Theory]
    [InlineData("A.CSV")]
    [InlineData("a.Xlsx")]
    [InlineData("a.JSON")]
    public void The_extension_is_read_whatever_its_case(string name)
    {
        using (var writer = SheetWriter.Create(_folder.File(name), new[] { "id" }))
        {
            writer.Write(new object?[] { 1L });
            writer.Complete();
        }

        Assert.Single(SheetReader.Read(_folder.File(name)).Rows);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_writer_disposed_before_it_completes_leaves_the_old_file_and_no_temporary_one(string format)
    {
        var path = _folder.File("a." + format);
        File.WriteAllText(path, "old");

        using (var writer = SheetWriter.Create(path, new[] { "id", "title" }))
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Write(new object?[] { i, "row" });
            }
        }

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { "a." + format }, _folder.Names());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_completed_writer_replaces_the_old_file_and_leaves_nothing_else(string format)
    {
        var path = _folder.File("a." + format);
        File.WriteAllText(path, "old");

        using (var writer = SheetWriter.Create(path, new[] { "id" }))
        {
            writer.Write(new object?[] { 1L });
            writer.Complete();
        }

        Assert.Equal("id", Assert.Single(SheetReader.Read(path).Headers));
        Assert.Equal(new[] { "a." + format }, _folder.Names());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_folder_that_does_not_exist_is_SheetWriteFailed_naming_the_path(string format)
    {
        var path = Path.Combine(_folder.Path, "missing", "a." + format);

        var e = DrupalAssert.Fails("SheetWriteFailed", () => SheetWriter.Create(path, new[] { "id" }));

        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Target);
    }

    [Fact]
    public void A_row_must_have_a_cell_per_header()
    {
        using var writer = SheetWriter.Create(_folder.File("a.csv"), new[] { "id", "title" });

        Assert.Throws<ArgumentException>(() => writer.Write(new object?[] { 1L }));
    }

    [Fact]
    public void A_cell_of_another_type_is_refused_rather_than_written_as_its_type_name()
    {
        using var writer = SheetWriter.Create(_folder.File("a.csv"), new[] { "tags" });

        var e = Assert.Throws<ArgumentException>(() => writer.Write(new object?[] { new object[] { "a", "b" } }));

        Assert.Contains("System.Object[]", e.Message);
    }

    [Fact]
    public void Headers_must_be_distinct()
    {
        Assert.Throws<ArgumentException>(() => SheetWriter.Create(_folder.File("a.csv"), new[] { "id", "id" }));
        Assert.Empty(_folder.Names());
    }

    [Fact]
    public void Nothing_is_written_after_Complete()
    {
        using var writer = SheetWriter.Create(_folder.File("a.json"), new[] { "id" });
        writer.Complete();

        Assert.Throws<InvalidOperationException>(() => writer.Write(new object?[] { 1L }));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_number_that_is_no_number_is_an_empty_cell(string format)
    {
        var path = _folder.File("nan." + format);
        using (var writer = SheetWriter.Create(path, new[] { "id", "ratio" }))
        {
            writer.Write(new object?[] { 1L, double.NaN });
            writer.Write(new object?[] { 2L, double.PositiveInfinity });
            writer.Complete();
        }

        Assert.All(SheetReader.Read(path).Rows, row => Assert.Null(row.Cells[1].Value));
    }
}
