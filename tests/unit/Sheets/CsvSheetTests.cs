using System.Globalization;
using System.Text;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>.csv as Excel opens it (UTF-8 with a byte-order mark, RFC 4180), and read as people and Excel save it.</summary>
public sealed class CsvSheetTests : IDisposable
{
    private readonly SheetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_file_starts_with_a_utf8_byte_order_mark_and_ends_lines_with_crlf()
    {
        var path = Write(new[] { "id", "title" }, new object?[] { 1L, "Café 東京" });

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.Equal("id,title\r\n1,Café 東京\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void Headers_only_still_have_the_byte_order_mark()
    {
        var path = Write(new[] { "id", "title" });

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'i' }, File.ReadAllBytes(path).Take(4));
    }

    [Fact]
    public void Cells_are_quoted_by_RFC_4180_and_only_when_they_must_be()
    {
        var path = Write(
            new[] { "a", "b", "c", "d", "e", "f", "g" },
            new object?[] { "plain", "with, comma", "say \"hi\"", "two\r\nlines", " lead", "trail ", "semi;colon" });

        Assert.EndsWith("\r\nplain,\"with, comma\",\"say \"\"hi\"\"\",\"two\r\nlines\",\" lead\",\"trail \",semi;colon\r\n", Text(path));
    }

    [Fact]
    public void Text_that_Excel_would_run_as_a_formula_is_guarded_and_read_back_as_it_was()
    {
        var texts = new[] { "=1+1", "+1", "-x", "@SUM(A1)", "\tx", "'=x", "''=x", "'plain", "a=b", "'" };
        var path = Write(texts.Select((_, i) => "c" + i).ToArray(), texts.Cast<object?>().ToArray());

        Assert.EndsWith("\r\n'=1+1,'+1,'-x,'@SUM(A1),'\tx,''=x,'''=x,'plain,a=b,'\r\n", Text(path));
        Assert.Equal(texts, SheetReader.Read(path).Rows.Single().Cells.Select(c => (string?)c.Value));
    }

    [Fact]
    public void Numbers_are_never_guarded()
    {
        var path = Write(new[] { "a", "b" }, new object?[] { -5L, -2.5 });

        Assert.EndsWith("\r\n-5,-2.5\r\n", Text(path));
    }

    [Fact]
    public void Values_are_written_in_the_invariant_culture_whatever_the_current_one()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var path = Write(
                new[] { "bool", "false", "long", "double", "decimal", "offset", "utc", "local" },
                new object?[] { true, false, -12L, 1234.5, 0.000001m, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local) });

            var local = new DateTimeOffset(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local)).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            Assert.EndsWith($"\r\nTRUE,FALSE,-12,1234.5,0.000001,2024-01-02T03:04:05-05:00,2024-01-02T03:04:05+00:00,{local}+00:00\r\n", Text(path));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_double_is_written_so_that_it_reads_back_exactly()
    {
        var path = Write(new[] { "x" }, new object?[] { 0.1 + 0.2 });

        Assert.Equal(0.1 + 0.2, double.Parse((string)Assert.Single(SheetReader.Read(path).Rows).Cells[0].Value!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_one_row_file_is_read_with_its_row_numbered_1()
    {
        var table = Read("id,title\r\n7,Hello\r\n");

        Assert.Equal(new[] { "id", "title" }, table.Headers);
        var row = Assert.Single(table.Rows);
        Assert.Equal(1, row.Number);
        Assert.Equal(new object?[] { "7", "Hello" }, row.Cells.Select(c => c.Value));
    }

    [Fact]
    public void A_headers_only_file_has_no_rows()
    {
        var table = Read("id,title");

        Assert.Equal(new[] { "id", "title" }, table.Headers);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_and_semicolons_as_Excel_saves_it_in_Europe_is_read()
    {
        var path = _folder.File("eu.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id;title;\"body.value\"\r\n1;Café;\"a; b\"\r\n")).ToArray());

        var table = SheetReader.Read(path);

        Assert.Equal(new[] { "id", "title", "body.value" }, table.Headers);
        Assert.Equal(new object?[] { "1", "Café", "a; b" }, Assert.Single(table.Rows).Cells.Select(c => c.Value));
    }

    [Fact]
    public void A_comma_in_the_header_row_keeps_commas_as_the_separator()
    {
        var table = Read("id,note\r\n1,a;b\r\n");

        Assert.Equal("a;b", Assert.Single(table.Rows).Cells[1].Value);
    }

    [Fact]
    public void Quoted_cells_hold_commas_doubled_quotes_and_line_breaks_of_every_kind()
    {
        var table = Read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"1\r\n2\n3\r4\"\n");

        Assert.Equal(new object?[] { "x, y", "say \"hi\"", "1\r\n2\n3\r4" }, Assert.Single(table.Rows).Cells.Select(c => c.Value));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Lines_may_end_with_crlf_lf_or_cr(string end)
    {
        var table = Read($"a,b{end}1,2{end}3,4{end}");

        Assert.Equal(new object?[] { "1", "2", "3", "4" }, table.Rows.SelectMany(r => r.Cells.Select(c => c.Value)));
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read()
    {
        var path = _folder.File("utf16.csv");
        File.WriteAllText(path, "id,title\r\n1,東京\r\n", Encoding.Unicode);

        Assert.Equal("東京", Assert.Single(SheetReader.Read(path).Rows).Cells[1].Value);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused_saying_how_to_save_it()
    {
        var path = _folder.File("ansi.csv");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("id,title\r\n1,Café\r\n"));

        var e = DrupalAssert.Fails("InvalidSheet", () => SheetReader.Read(path));

        Assert.Contains("CSV UTF-8", e.Message);
    }

    [Fact]
    public void Missing_cells_at_the_end_of_a_row_are_null()
    {
        var row = Assert.Single(Read("a,b,c\r\n1\r\n").Rows);

        Assert.Equal(new object?[] { "1", null, null }, row.Cells.Select(c => c.Value));
    }

    [Fact]
    public void Empty_lines_at_the_end_are_ignored_and_one_in_the_middle_keeps_its_number()
    {
        var table = Read("a,b\r\n1,2\r\n\r\n3,4\r\n\r\n\r\n");

        Assert.Equal(new[] { 1, 3 }, table.Rows.Select(r => r.Number));
    }

    [Fact]
    public void A_row_with_more_cells_than_headers_is_InvalidSheet_naming_the_row()
    {
        var e = DrupalAssert.Fails("InvalidSheet", () => Read("a,b\r\n1,2\r\n3,4,5\r\n"));

        Assert.Contains("row 2", e.Message);
        Assert.Contains("column 3 (C)", e.Message);
    }

    [Fact]
    public void Empty_cells_beyond_the_headers_are_no_error()
    {
        var row = Assert.Single(Read("a,b\r\n1,2,,\r\n").Rows);

        Assert.Equal(new object?[] { "1", "2" }, row.Cells.Select(c => c.Value));
    }

    [Fact]
    public void An_unterminated_quote_is_InvalidSheet_naming_the_row()
    {
        var e = DrupalAssert.Fails("InvalidSheet", () => Read("a,b\r\n1,2\r\n3,\"oops\r\n4,5\r\n"));

        Assert.Contains("row 2", e.Message);
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void A_header_named_twice_is_InvalidSheet_naming_both_columns()
    {
        var e = DrupalAssert.Fails("InvalidSheet", () => Read("id,title,title\r\n"));

        Assert.Contains("'title' twice: column 2 (B) and column 3 (C)", e.Message);
    }

    [Fact]
    public void An_empty_header_before_a_named_one_is_InvalidSheet_naming_the_column()
    {
        var e = DrupalAssert.Fails("InvalidSheet", () => Read("id,,title\r\n"));

        Assert.Contains("column 2 (B)", e.Message);
    }

    [Fact]
    public void Headers_are_trimmed_and_empty_ones_at_the_end_dropped()
    {
        Assert.Equal(new[] { "id", "title" }, Read(" id , title ,,\r\n").Headers);
    }

    [Fact]
    public void An_empty_file_is_InvalidSheet()
    {
        DrupalAssert.Fails("InvalidSheet", () => Read(string.Empty));
    }

    private string Write(string[] headers, params object?[][] rows)
    {
        var path = _folder.File("out.csv");
        using var writer = SheetWriter.Create(path, headers);
        foreach (var row in rows)
        {
            writer.Write(row);
        }

        writer.Complete();
        return path;
    }

    private static string Text(string path) => File.ReadAllText(path, Encoding.UTF8);

    private SheetTable Read(string text)
    {
        var path = _folder.File("in.csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return SheetReader.Read(path);
    }
}
