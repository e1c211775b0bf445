using System.Collections;
using System.Collections.Specialized;
using System.Text.Json.Nodes;
using DrupalOAuth.Errors;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class SheetSessionTests : IDisposable
{
    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public SheetSessionTests()
    {
        _site.Add(
            "node--article",
            "a-1",
            new JsonObject
            {
                ["status"] = true,
                ["title"] = "Article 1",
                ["body"] = new JsonObject { ["value"] = "<p>x</p>", ["format"] = "basic_html", ["processed"] = "<p>x</p>", ["summary"] = null },
                ["field_rating"] = 4,
            });
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_row_without_text_goes_as_it_is_with_no_request()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var row = new Hashtable { ["status"] = true, ["field_rating"] = 3 };

        var converted = await session.ConvertAttributesAsync("node", "article", row, _log, CancellationToken.None);

        Assert.Same(row, converted);
        Assert.Empty(_site.Reads);
    }

    [Fact]
    public async Task Text_cells_convert_to_the_types_their_fields_take_and_other_names_go_as_they_are()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var row = new OrderedDictionary { ["title"] = "New", ["status"] = "yes", ["field_rating"] = "7", ["body"] = "Plain text", ["field_other"] = "as is", ["empty"] = null };

        var converted = await session.ConvertAttributesAsync("node", "article", row, _log, CancellationToken.None);

        Assert.Equal("New", converted["title"]);
        Assert.Equal(true, converted["status"]);
        Assert.Equal(7L, converted["field_rating"]);
        var body = Assert.IsAssignableFrom<IDictionary>(converted["body"]);
        Assert.Equal("Plain text", body["value"]);
        Assert.Equal("basic_html", body["format"]);
        Assert.Equal("as is", converted["field_other"]);
    }

    [Fact]
    public async Task A_cell_that_cannot_convert_is_InvalidCell_naming_the_property()
    {
        var session = (await _site.OpenAsync()).OpenSheets();

        var e = await Assert.ThrowsAsync<DrupalException>(() => session.ConvertAttributesAsync("node", "article", new Hashtable { ["status"] = "maybe" }, _log, CancellationToken.None));

        Assert.Equal("InvalidCell", e.ErrorId);
        Assert.StartsWith("property 'status': 'maybe'", e.Message, StringComparison.Ordinal);
    }
}
