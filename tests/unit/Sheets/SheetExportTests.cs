using System.Management.Automation;
using System.Text.Json.Nodes;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class SheetExportTests : IDisposable
{
    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public SheetExportTests()
    {
        for (var t = 1; t <= 60; t++)
        {
            _site.Add("taxonomy_term--tags", "t-" + t, new JsonObject { ["name"] = "tag " + t });
        }

        _site.LabelOnlyUsers = true;
        _site.Add("user--user", "u-3", new JsonObject { ["display_name"] = "Editor Three" });
        for (var i = 1; i <= 30; i++)
        {
            _site.Add(
                "node--article",
                "a-" + i,
                new JsonObject { ["title"] = "Article " + i, ["created"] = "2026-01-01T00:01:00+00:00", ["changed"] = "2026-01-02T00:01:00+00:00" },
                new JsonObject { ["uid"] = SheetSite.To("user--user", "u-3"), ["field_tags"] = SheetSite.ToMany("taxonomy_term--tags", "t-" + i, "t-" + (i + 30), "t-gone") });
        }
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Relationships_are_written_as_labels_read_in_one_request_per_type_and_batch()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var export = await session.StartExportAsync("node", "article", false, ReferenceBy.Label, CellList.DefaultDelimiter, _log, CancellationToken.None);
        var before = _site.Reads.Count;

        var rows = await export.RowsAsync(await EntitiesAsync(), _log, CancellationToken.None);

        var tags = rows[0][export.Headers.ToList().IndexOf("field_tags")];
        Assert.Equal("tag 1; tag 31; t-gone", tags);
        Assert.Equal("Editor Three", rows[0][export.Headers.ToList().IndexOf("uid")]);
        Assert.DoesNotContain("changed", export.Headers);
        Assert.Equal(new[] { "id", "title" }, export.Headers.Take(2));
        // Two pages of tags by id; users by id (nothing, as Drupal answers a filter on users), then the users listed.
        Assert.Equal(2 + 1 + 1, _site.Reads.Count - before - 1);
        Assert.Contains(export.TakeWarnings(), w => w.Contains("t-gone", StringComparison.Ordinal));
        Assert.Empty(export.TakeWarnings());
    }

    [Fact]
    public async Task ReferenceBy_Id_writes_the_ids_with_no_lookup()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var export = await session.StartExportAsync("node", "article", false, ReferenceBy.Id, CellList.DefaultDelimiter, _log, CancellationToken.None);
        var entities = await EntitiesAsync();
        var before = _site.Reads.Count;

        var rows = await export.RowsAsync(entities, _log, CancellationToken.None);

        Assert.Equal("t-1; t-31; t-gone", rows[0][export.Headers.ToList().IndexOf("field_tags")]);
        Assert.Equal(before, _site.Reads.Count);
    }

    [Fact]
    public async Task A_row_for_the_pipeline_is_typed_and_holds_dates_as_invariant_text()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var export = await session.StartExportAsync("node", "article", false, ReferenceBy.Id, CellList.DefaultDelimiter, _log, CancellationToken.None);
        var row = (await export.RowsAsync(await EntitiesAsync(), _log, CancellationToken.None))[0];

        var item = export.ToPSObject(row);

        Assert.Equal(SheetExport.RowTypeName, item.TypeNames[0]);
        Assert.Equal(export.Headers, item.Properties.Select(p => p.Name));
        Assert.Equal("2026-01-01T00:01:00+00:00", item.Properties["created"].Value);
    }

    private async Task<IReadOnlyList<object?>> EntitiesAsync()
    {
        var connection = await _site.OpenAsync();
        var pager = connection.PageEntities(new DrupalOAuth.JsonApi.EntityQuery("node", "article"), new DrupalOAuth.Paging.PagingScope(all: true), raw: false);
        var items = new List<object?>();
        while (await pager.NextPageAsync(_log, CancellationToken.None) is { } page)
        {
            items.AddRange(page.Items);
        }

        return items;
    }
}
