using DrupalOAuth.Sheets;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>What a writer writes, its reader reads back: headers, text of every kind, empty cells, typed values.</summary>
public sealed class SheetRoundTripTests : IDisposable
{
    private static readonly string[] Headers = { "id", "title", "body.value", "status", "count", "ratio", "price", "created", "changed", "note" };

    private static readonly DateTimeOffset Created = new(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
    private static readonly DateTime Changed = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    private readonly SheetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Formats => new() { "csv", "xlsx", "json" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Text_of_every_kind_comes_back_as_it_was_written(string format)
    {
        string[] texts =
        {
            "Café", "東京", "emoji 😀 here", "a \"quoted\" word", "one, two; three", "line one\nline two", " padded ", "=1+1", "_x0041_", "tab\tin",
        };
        var path = _folder.File("texts." + format);

        using (var writer = SheetWriter.Create(path, new[] { "id", "text" }))
        {
            for (var i = 0; i < texts.Length; i++)
            {
                writer.Write(new object?[] { i + 1, texts[i] });
            }

            writer.Complete();
        }

        var table = SheetReader.Read(path);
        Assert.Equal(new[] { "id", "text" }, table.Headers);
        Assert.Equal(texts, table.Rows.Select(r => r.Cells[1].Value));
        Assert.Equal(Enumerable.Range(1, texts.Length), table.Rows.Select(r => r.Number));
        Assert.Equal(new[] { "texts." + format }, _folder.Names());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Empty_cells_come_back_empty_and_rows_keep_their_order(string format)
    {
        var path = _folder.File("empty." + format);

        using (var writer = SheetWriter.Create(path, new[] { "id", "title", "note" }))
        {
            writer.Write(new object?[] { 1L, null, "a" });
            writer.Write(new object?[] { 2L, "b", null });
            writer.Complete();
        }

        var table = SheetReader.Read(path);
        Assert.Equal(2, table.Rows.Count);
        Assert.Null(table.Rows[0].Cells[1].Value);
        Assert.Equal("a", table.Rows[0].Cells[2].Value);
        Assert.Equal("b", table.Rows[1].Cells[1].Value);
        Assert.Null(table.Rows[1].Cells[2].Value);
        Assert.Equal(new[] { "id", "title", "note" }, table.Rows[1].Cells.Select(c => c.Key));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_sheet_with_no_rows_still_has_its_header_row(string format)
    {
        var path = _folder.File("none." + format);

        using (var writer = SheetWriter.Create(path, Headers))
        {
            writer.Complete();
        }

        var table = SheetReader.Read(path);
        Assert.Equal(format == "json" ? Array.Empty<string>() : Headers, table.Headers);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Csv_gives_every_value_back_as_the_text_import_reads()
    {
        var row = RoundTrip("csv");

        Assert.Equal(new object?[] { "7", "Title", "<p>Body</p>", "TRUE", "42", "0.1", "1.25", "2024-01-02T03:04:05+02:00", "2024-05-06T07:08:09+00:00", null }, row);
    }

    [Fact]
    public void Xlsx_gives_numbers_booleans_and_dates_back_typed_with_dates_in_utc()
    {
        var row = RoundTrip("xlsx");

        Assert.Equal(new object?[] { 7d, "Title", "<p>Body</p>", true, 42d, 0.1, 1.25, new DateTime(2024, 1, 2, 1, 4, 5), new DateTime(2024, 5, 6, 7, 8, 9), null }, row);
    }

    [Fact]
    public void Json_gives_numbers_and_booleans_back_typed_and_dates_as_iso_8601_text()
    {
        var row = RoundTrip("json");

        Assert.Equal(new object?[] { 7L, "Title", "<p>Body</p>", true, 42L, 0.1, 1.25, "2024-01-02T03:04:05+02:00", "2024-05-06T07:08:09+00:00", null }, row);
    }

    private object?[] RoundTrip(string format)
    {
        var path = _folder.File("typed." + format);
        using (var writer = SheetWriter.Create(path, Headers))
        {
            writer.Write(new object?[] { 7, "Title", "<p>Body</p>", true, 42L, 0.1, 1.25m, Created, Changed, null });
            writer.Complete();
        }

        var table = SheetReader.Read(path);
        Assert.Equal(Headers, table.Headers);
        return Assert.Single(table.Rows).Cells.Select(c => c.Value).ToArray();
    }
}
