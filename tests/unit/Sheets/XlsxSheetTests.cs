using System.IO.Compression;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>.xlsx written with typed cells and a frozen header, streaming, and read back as its cells are typed.</summary>
public sealed class XlsxSheetTests : IDisposable
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly SheetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_header_row_is_frozen()
    {
        var path = Write(new[] { "id" }, new object?[] { 1L });

        var pane = Sheet(path).Descendants(Main + "pane").Single();
        Assert.Equal("1", (string?)pane.Attribute("ySplit"));
        Assert.Equal("frozen", (string?)pane.Attribute("state"));
    }

    [Fact]
    public void Booleans_are_boolean_cells_and_numbers_number_cells()
    {
        var path = Write(new[] { "flag", "long", "double", "decimal" }, new object?[] { true, 42L, 0.5, 1.25m });

        var cells = Row(path, 2);
        Assert.Equal(("b", "1"), cells[0]);
        Assert.Equal(("n", "42"), cells[1]);
        Assert.Equal(("n", "0.5"), cells[2]);
        Assert.Equal(("n", "1.25"), cells[3]);
    }

    [Fact]
    public void A_date_is_a_number_cell_in_utc_with_a_date_and_time_format()
    {
        var path = Write(new[] { "created" }, new object?[] { new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) });

        var cell = Sheet(path).Descendants(Main + "c").Single(c => (string?)c.Attribute("r") == "A2");
        Assert.Null(cell.Attribute("t"));
        Assert.Equal(new DateTime(2024, 1, 2, 1, 4, 5).ToOADate(), double.Parse(cell.Value, CultureInfo.InvariantCulture), 6);
        Assert.Equal("yyyy-mm-dd hh:mm:ss", NumberFormat(path, (int)cell.Attribute("s")!));
    }

    [Fact]
    public void A_date_first_met_after_the_first_rows_is_still_a_date_cell()
    {
        var rows = Enumerable.Range(0, 300).Select(i => new object?[] { i == 299 ? new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc) : null }).ToArray();
        var path = Write(new[] { "created" }, rows);

        var last = SheetReader.Read(path).Rows.Single();
        Assert.Equal(300, last.Number);
        Assert.Equal(new DateTime(2024, 1, 2), last.Cells[0].Value);
    }

    [Fact]
    public void A_long_beyond_what_a_double_holds_exactly_is_written_as_text()
    {
        var path = Write(new[] { "big" }, new object?[] { 9007199254740993L });

        Assert.Equal("9007199254740993", SheetReader.Read(path).Rows.Single().Cells[0].Value);
    }

    [Fact]
    public void A_null_is_an_empty_cell_and_a_row_of_them_is_left_out_but_counted()
    {
        var path = Write(new[] { "id", "title" }, new object?[] { 1L, null }, new object?[] { null, null }, new object?[] { 3L, "c" });

        var table = SheetReader.Read(path);
        Assert.Equal(new[] { 1, 3 }, table.Rows.Select(r => r.Number));
        Assert.Null(table.Rows[0].Cells[1].Value);
    }

    [Fact]
    public void A_row_missing_from_the_sheet_as_Excel_leaves_an_empty_one_out_is_counted_too()
    {
        var path = Write(new[] { "id" }, new object?[] { 1L }, new object?[] { 2L }, new object?[] { 3L });
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            XDocument sheet;
            using (var stream = entry.Open())
            {
                sheet = XDocument.Load(stream);
            }

            sheet.Descendants(Main + "row").Single(r => (string?)r.Attribute("r") == "3").Remove();
            entry.Delete();
            using var rewritten = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
            sheet.Save(rewritten);
        }

        var table = SheetReader.Read(path);

        Assert.Equal(new[] { 1, 3 }, table.Rows.Select(r => r.Number));
        Assert.Equal(3d, table.Rows[1].Cells[0].Value);
    }

    [Fact]
    public void A_sheet_with_no_rows_has_its_frozen_header_row()
    {
        var path = Write(new[] { "id", "title" });

        var sheet = Sheet(path);
        Assert.Equal(new[] { "id", "title" }, sheet.Descendants(Main + "row").Single().Elements(Main + "c").Select(c => c.Value));
        Assert.Single(sheet.Descendants(Main + "pane"));
    }

    [Fact]
    public async Task A_failure_of_the_worker_surfaces_from_Write_or_Complete_and_nothing_hangs()
    {
        var path = _folder.File("broken.xlsx");
        File.WriteAllText(path, "old");
        var writer = SheetWriter.Create(path, new[] { "id", "title" });

        // The disk failing under the worker, as a full disk would.
        typeof(XlsxSheetWriter).GetField("_file", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(writer, new FailingStream());
        var run = Task.Run(() =>
        {
            using (writer)
            {
                for (var i = 0; i < 100_000; i++)
                {
                    writer.Write(new object?[] { i, "title" });
                }

                writer.Complete();
            }
        });

        var e = await DrupalAssert.FailsAsync("SheetWriteFailed", () => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("could not be written: No space left on device", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { "broken.xlsx" }, _folder.Names());
    }

    [Fact]
    public void The_first_row_is_the_header_row_and_data_rows_count_from_the_second()
    {
        var path = Write(new[] { "2024", "title" }, new object?[] { 1L, "a" }, new object?[] { 2L, "b" });

        var table = SheetReader.Read(path);
        Assert.Equal(new[] { "2024", "title" }, table.Headers);
        Assert.Equal(new[] { 1, 2 }, table.Rows.Select(r => r.Number));
    }

    [Fact]
    public void A_file_that_is_no_workbook_is_InvalidSheet()
    {
        var path = _folder.File("fake.xlsx");
        File.WriteAllText(path, "id,title\r\n1,a\r\n");

        var e = DrupalAssert.Fails("InvalidSheet", () => SheetReader.Read(path));

        Assert.Contains("fake.xlsx", e.Message);
    }

    private string Write(string[] headers, params object?[][] rows)
    {
        var path = _folder.File("out.xlsx");
        using var writer = SheetWriter.Create(path, headers);
        foreach (var row in rows)
        {
            writer.Write(row);
        }

        writer.Complete();
        return path;
    }

    private static XDocument Part(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }

    private static XDocument Sheet(string path) => Part(path, "xl/worksheets/sheet1.xml");

    private static List<(string? Type, string Value)> Row(string path, int number) =>
        Sheet(path).Descendants(Main + "row").Single(r => (string?)r.Attribute("r") == number.ToString(CultureInfo.InvariantCulture))
            .Elements(Main + "c").Select(c => ((string?)c.Attribute("t"), c.Value)).ToList();

    /// <summary>The number format of a cell style, by the style's index in cellXfs.</summary>
    private static string NumberFormat(string path, int style)
    {
        var styles = Part(path, "xl/styles.xml");
        var id = (string)styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ElementAt(style).Attribute("numFmtId")!;
        return (string)styles.Descendants(Main + "numFmt").Single(f => (string?)f.Attribute("numFmtId") == id).Attribute("formatCode")!;
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device.");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("No space left on device.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("No space left on device.");
    }
}
