using System.Text;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>.json sheets: an array of objects, one property per header, values typed.</summary>
public sealed class JsonSheetTests : IDisposable
{
    private readonly SheetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rows_are_an_indented_array_of_objects_in_utf8_without_a_byte_order_mark_and_text_as_it_is()
    {
        var path = _folder.File("out.json");
        using (var writer = SheetWriter.Create(path, new[] { "id", "title", "status", "created" }))
        {
            writer.Write(new object?[] { 1L, "Café <東京> & \"q\"", true, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) });
            writer.Complete();
        }

        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'[', bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\n  {\n    \"id\": 1,\n    \"title\": \"Café <東京> & \\\"q\\\"\",\n    \"status\": true,\n    \"created\": \"2024-01-02T03:04:05+00:00\"\n  }", text.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Headers_are_every_property_in_the_order_first_met_and_a_missing_one_is_null()
    {
        var table = Read("""[{"id": 1, "title": "a"}, {"id": 2, "body.value": "b"}]""");

        Assert.Equal(new[] { "id", "title", "body.value" }, table.Headers);
        Assert.Equal(new object?[] { 2L, null, "b" }, table.Rows[1].Cells.Select(c => c.Value));
    }

    [Fact]
    public void Values_are_long_double_bool_string_or_null_and_nested_values_their_json_text()
    {
        var row = Assert.Single(Read("""[{"a": 7, "b": 7.5, "c": 1e3, "d": false, "e": "", "f": null, "g": {"value": "x"}, "h": [1, "two"]}]""").Rows);

        Assert.Equal(new object?[] { 7L, 7.5, 1000d, false, null, null, """{"value": "x"}""", """[1, "two"]""" }, row.Cells.Select(c => c.Value));
    }

    [Fact]
    public void An_empty_array_is_a_sheet_with_nothing_in_it()
    {
        var table = Read("[]");

        Assert.Empty(table.Headers);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        Assert.Equal("t", Assert.Single(Read("\uFEFF[{\"title\": \"t\"}]").Rows).Cells[0].Value);
    }

    [Theory]
    [InlineData("""{"id": 1}""", "holds a JSON object, not an array")]
    [InlineData("""[{"id": 1}, 2]""", "holds a JSON number as row 2")]
    [InlineData("""[{"id": 1, "id": 2}]""", "gives 'id' twice in row 1")]
    [InlineData("[{\"id\": 1},\n {\"id\": ]", "is not JSON: it breaks at line 2")]
    [InlineData("""[{"id": 1}, {"id": 2, " ": 1}]""", "has a property with no name in row 2")]
    public void Anything_but_an_array_of_objects_is_InvalidSheet_saying_where(string json, string message)
    {
        var e = DrupalAssert.Fails("InvalidSheet", () => Read(json));

        Assert.Contains(message, e.Message);
    }

    private SheetTable Read(string json)
    {
        var path = _folder.File("in.json");
        File.WriteAllText(path, json, new UTF8Encoding(false));
        return SheetReader.Read(path);
    }
}
