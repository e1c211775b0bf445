using System.Collections;
using System.Text.Json.Nodes;
using DrupalOAuth.Errors;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class ImportPlannerTests : IDisposable
{
    private const string Article = "node--article";
    private const string Tags = "taxonomy_term--tags";
    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public ImportPlannerTests()
    {
        _site.Add(Tags, "t-alpha", new JsonObject { ["name"] = "alpha" });
        _site.Add(Tags, "t-beta", new JsonObject { ["name"] = "beta" });
        _site.Add("user--user", "u-3", new JsonObject { ["name"] = "editor3", ["display_name"] = "editor3" });
        for (var i = 1; i <= 3; i++)
        {
            _site.Add(
                Article,
                "a-" + i,
                new JsonObject
                {
                    ["drupal_internal__nid"] = i,
                    ["status"] = true,
                    ["title"] = "Article " + i,
                    ["created"] = "2026-01-01T00:01:00+00:00",
                    ["changed"] = "2026-01-02T00:01:00+00:00",
                    ["body"] = new JsonObject { ["value"] = "<p>Body " + i + "</p>", ["format"] = "basic_html", ["processed"] = "<p>Body " + i + "</p>", ["summary"] = null },
                    ["field_external_id"] = "ext-" + i,
                    ["field_rating"] = i,
                },
                new JsonObject
                {
                    ["uid"] = SheetSite.To("user--user", "u-3"),
                    ["field_tags"] = SheetSite.ToMany(Tags, "t-alpha"),
                    ["node_type"] = SheetSite.To("node_type--node_type", "nt-1"),
                });
        }
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task An_exported_sheet_planned_back_is_unchanged_and_writes_nothing()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var rows = await ExportAsync(session);

        var plan = await session.PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);

        Assert.All(plan.Rows, r => Assert.Equal(ImportAction.Unchanged, r.Action));
        Assert.False(plan.Stopped);
        foreach (var row in plan.Rows)
        {
            Assert.Equal(ImportAction.Unchanged, (await session.ApplyAsync(plan, row, _log, CancellationToken.None)).Action);
        }

        Assert.Empty(_site.Writes);
    }

    [Fact]
    public async Task A_changed_cell_patches_only_its_field_and_then_is_unchanged()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var rows = Rows(("id", "a-2"), ("title", "Article two"), ("field_tags", "alpha; beta"), ("status", "TRUE"), ("field_rating", "2"));

        var plan = await session.PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);
        var row = Assert.Single(plan.Rows);
        Assert.Equal(ImportAction.WouldUpdate, row.Action);
        Assert.Equal(new[] { "title", "field_tags" }, row.Changed);
        var result = await session.ApplyAsync(plan, row, _log, CancellationToken.None);

        Assert.Equal(ImportAction.Updated, result.Action);
        var patch = JsonNode.Parse(Assert.Single(_site.Writes).BodyText)!["data"]!;
        Assert.Equal("PATCH", _site.Writes[0].Method);
        Assert.Equal(new[] { "title" }, patch["attributes"]!.AsObject().Select(p => p.Key));
        Assert.Equal(new[] { "t-alpha", "t-beta" }, patch["relationships"]!["field_tags"]!["data"]!.AsArray().Select(i => (string)i!["id"]!));
        var again = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);
        Assert.Equal(ImportAction.Unchanged, Assert.Single(again.Rows).Action);
    }

    [Fact]
    public async Task A_new_row_is_created_with_the_id_its_label_derives_and_found_the_next_time()
    {
        var session = (await _site.OpenAsync()).OpenSheets();
        var rows = Rows(("title", "Brand new"), ("field_tags", "beta"), ("status", "1"));

        var plan = await session.PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);
        var row = Assert.Single(plan.Rows);
        var result = await session.ApplyAsync(plan, row, _log, CancellationToken.None);

        Assert.Equal(ImportAction.WouldCreate, row.Action);
        Assert.Equal(new[] { "title", "field_tags", "status" }, row.Changed);
        Assert.Equal(ImportAction.Created, result.Action);
        Assert.Equal(DerivedUuid.For(_site.SiteUri, Article, "title", "Brand new"), result.Id);
        var post = JsonNode.Parse(Assert.Single(_site.Writes).BodyText)!["data"]!;
        Assert.Equal(result.Id, (string)post["id"]!);
        Assert.True((bool)post["attributes"]!["status"]!);
        var again = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);
        Assert.Equal(ImportAction.Unchanged, Assert.Single(again.Rows).Action);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_retried_and_read_back_and_a_run_again_makes_no_second_one()
    {
        var rows = Rows(("title", "Lost answer"), ("field_tags", "alpha"));
        _site.LoseNextCreateAnswer = true;
        var session = (await _site.OpenAsync()).OpenSheets();
        var plan = await session.PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);

        var result = await session.ApplyAsync(plan, plan.Rows[0], _log, CancellationToken.None);
        var again = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);

        Assert.Equal(ImportAction.Created, result.Action);
        Assert.Equal(2, _site.Writes.Count);
        Assert.Single(_site.All(Article), a => (string?)a["attributes"]!["title"] == "Lost answer");
        Assert.Equal(ImportAction.Unchanged, Assert.Single(again.Rows).Action);
    }

    [Fact]
    public async Task A_label_that_matches_nothing_fails_the_row_or_is_created_once_with_CreateMissingReferences()
    {
        var rows = Rows(("title", "One"), ("field_tags", "zeta")).Concat(Rows(("title", "Two"), ("field_tags", "zeta; alpha"))).Select((r, i) => new SheetRow(i + 1, r.Cells)).ToList();

        var failed = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);
        var session = (await _site.OpenAsync()).OpenSheets();
        var plan = await session.PlanImportAsync("node", "article", rows, new ImportOptions { CreateMissingReferences = true }, _log, CancellationToken.None);
        foreach (var row in plan.Rows)
        {
            await session.ApplyAsync(plan, row, _log, CancellationToken.None);
        }

        Assert.True(failed.Stopped);
        Assert.Equal("column 'field_tags': no taxonomy_term--tags is labelled 'zeta' (pass -CreateMissingReferences to make it)", failed.Rows[0].Error);
        Assert.Equal(2, failed.InvalidCount);
        Assert.Contains(plan.Warnings, w => w.Contains("'zeta'", StringComparison.Ordinal));
        Assert.Equal(3, _site.Writes.Count);
        var zeta = Assert.Single(_site.All(Tags), t => (string?)t["attributes"]!["name"] == "zeta");
        Assert.Equal(DerivedUuid.For(_site.SiteUri, Tags, "name", "zeta"), (string)zeta["id"]!);
    }

    [Fact]
    public async Task A_label_that_matches_several_fails_the_row_naming_their_ids()
    {
        _site.Add(Tags, "t-alpha-2", new JsonObject { ["name"] = "alpha" });

        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", Rows(("id", "a-1"), ("field_tags", "alpha")), new ImportOptions(), _log, CancellationToken.None);

        Assert.Equal("column 'field_tags': 'alpha' matches 2 taxonomy_term--tags: t-alpha, t-alpha-2", Assert.Single(plan.Rows).Error);
    }

    [Fact]
    public async Task Users_seen_as_label_only_are_matched_by_their_display_name()
    {
        _site.LabelOnlyUsers = true;
        _site.Add("user--user", "u-4", new JsonObject { ["display_name"] = "editor4" });

        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", Rows(("id", "a-1"), ("uid", "editor4")), new ImportOptions(), _log, CancellationToken.None);

        var row = Assert.Single(plan.Rows);
        Assert.Equal(ImportAction.WouldUpdate, row.Action);
        Assert.Equal(new[] { "uid" }, row.Changed);
    }

    [Fact]
    public async Task Rows_match_by_key_in_batched_lookups()
    {
        var rows = Enumerable.Range(1, 120).Select(i => new SheetRow(i, new[] { Cell("field_external_id", "ext-" + i), Cell("title", "Article " + i) })).ToList();

        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions { Key = "field_external_id" }, _log, CancellationToken.None);

        Assert.Equal(3, plan.Rows.Count(r => r.Action == ImportAction.Unchanged));
        Assert.Equal(117, plan.Rows.Count(r => r.Action == ImportAction.WouldCreate));
        Assert.Equal(DerivedUuid.For(_site.SiteUri, Article, "field_external_id", "ext-4"), plan.Rows[3].Id);
        Assert.Equal(1 + 3, plan.LookupRequests);
    }

    [Fact]
    public async Task Invalid_rows_stop_the_import_and_every_one_is_reported()
    {
        var rows = Enumerable.Range(1, 10).Select(i => new SheetRow(i, new[] { Cell("title", "Row " + i), Cell("status", i % 4 == 0 ? "maybe" : "yes") })).ToList();

        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions(), _log, CancellationToken.None);
        var skipping = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions { SkipInvalidRows = true }, _log, CancellationToken.None);

        Assert.True(plan.Stopped);
        Assert.Equal(new[] { 4, 8 }, plan.Rows.Where(r => r.Action == ImportAction.Failed).Select(r => r.Number));
        Assert.Contains("'maybe'", plan.Rows[3].Error, StringComparison.Ordinal);
        Assert.All(plan.Rows.Where(r => r.Action != ImportAction.Failed), r => Assert.Equal("not written: 2 of 10 rows are invalid (rows 4, 8)", r.Error));
        Assert.All(plan.Rows.Where(r => r.Action != ImportAction.Failed), r => Assert.Equal(ImportAction.Skipped, r.Action));
        Assert.False(skipping.Stopped);
        Assert.Equal(8, skipping.Rows.Count(r => r.Action == ImportAction.WouldCreate));
    }

    [Fact]
    public async Task Rows_with_the_same_key_and_ids_that_name_nothing_fail()
    {
        var rows = new[]
        {
            new SheetRow(1, new[] { Cell("title", "Same") }),
            new SheetRow(2, new[] { Cell("title", "Same") }),
            new SheetRow(3, new[] { Cell("id", "a-99"), Cell("title", "x") }),
            new SheetRow(4, new[] { Cell("status", "1") }),
            new SheetRow(5, new[] { Cell("title", " ") }),
        };

        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", rows, new ImportOptions { SkipInvalidRows = true }, _log, CancellationToken.None);

        Assert.Equal(ImportAction.WouldCreate, plan.Rows[0].Action);
        Assert.Equal("same id as row 1", plan.Rows[1].Error);
        Assert.Equal("no node--article has id a-99", plan.Rows[2].Error);
        Assert.Contains("needs an id, a 'title'", plan.Rows[3].Error, StringComparison.Ordinal);
        Assert.Equal(ImportAction.Skipped, plan.Rows[4].Action);
    }

    [Fact]
    public async Task Columns_that_name_no_field_are_refused_with_the_nearest_names_and_read_only_ones_ignored()
    {
        var session = (await _site.OpenAsync()).OpenSheets();

        var e = await Assert.ThrowsAsync<DrupalException>(() => session.PlanImportAsync("node", "article", Rows(("titel", "x"), ("statuss", "1")), new ImportOptions(), _log, CancellationToken.None));
        var plan = await session.PlanImportAsync("node", "article", Rows(("id", "a-1"), ("changed", "2020-01-01"), ("type", "node--article")), new ImportOptions(), _log, CancellationToken.None);
        var key = await Assert.ThrowsAsync<DrupalException>(() => session.PlanImportAsync("node", "article", Rows(("title", "x")), new ImportOptions { Key = "field_externalid" }, _log, CancellationToken.None));
        var target = await Assert.ThrowsAsync<DrupalException>(() => session.PlanImportAsync("node", "article", Rows(("title", "x")), new ImportOptions { ReferenceTypes = new Hashtable { ["field_tag"] = Tags } }, _log, CancellationToken.None));

        Assert.Equal("UnknownColumn", e.ErrorId);
        Assert.Contains("'titel' (did you mean 'title'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'statuss' (did you mean 'status'", e.Message, StringComparison.Ordinal);
        Assert.Equal(ImportAction.Unchanged, Assert.Single(plan.Rows).Action);
        Assert.Equal(new[] { "column 'changed' is read-only: ignored", "column 'type' is read-only: ignored" }, plan.Warnings);
        Assert.Equal("InvalidKey", key.ErrorId);
        Assert.Contains("'field_external_id'", key.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidReferenceType", target.ErrorId);
        Assert.Contains("'field_tags'", target.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_that_is_the_UUID_of_an_existing_entity_takes_it()
    {
        const string gamma = "0f0e0d0c-0b0a-4908-8706-050403020100";
        _site.Add(Tags, gamma, new JsonObject { ["name"] = "gamma" });

        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", Rows(("id", "a-1"), ("field_tags", "alpha; " + gamma)), new ImportOptions(), _log, CancellationToken.None);

        var row = Assert.Single(plan.Rows);
        Assert.Equal(ImportAction.WouldUpdate, row.Action);
        Assert.Equal(new[] { "field_tags" }, row.Changed);
    }

    [Fact]
    public async Task References_by_id_are_checked_to_exist()
    {
        var plan = await (await _site.OpenAsync()).OpenSheets().PlanImportAsync(
            "node", "article", Rows(("id", "a-1"), ("field_tags", "t-beta; t-nope")), new ImportOptions { ReferenceBy = ReferenceBy.Id }, _log, CancellationToken.None);

        Assert.Equal("column 'field_tags': no taxonomy_term--tags has id t-nope", Assert.Single(plan.Rows).Error);
    }

    [Fact]
    public async Task A_type_with_no_entity_takes_its_columns_as_text_and_relationships_from_ReferenceType()
    {
        using var empty = new SheetSite();
        empty.Add(Tags, "t-alpha", new JsonObject { ["name"] = "alpha" });
        var options = new ImportOptions { ReferenceTypes = new Hashtable { ["field_tags"] = Tags } };

        var plan = await (await empty.OpenAsync()).OpenSheets().PlanImportAsync("node", "article", Rows(("title", "First"), ("body.value", "<p>x</p>"), ("field_tags", "alpha")), options, _log, CancellationToken.None);

        var row = Assert.Single(plan.Rows);
        Assert.Equal(ImportAction.WouldCreate, row.Action);
        Assert.Equal(new[] { "title", "body", "field_tags" }, row.Changed);
    }

    private async Task<IReadOnlyList<SheetRow>> ExportAsync(SheetSession session)
    {
        var export = await session.StartExportAsync("node", "article", false, ReferenceBy.Label, CellList.DefaultDelimiter, _log, CancellationToken.None);
        var connection = await _site.OpenAsync();
        var pager = connection.PageEntities(new DrupalOAuth.JsonApi.EntityQuery("node", "article"), new DrupalOAuth.Paging.PagingScope(all: true), raw: false);
        var rows = new List<SheetRow>();
        while (await pager.NextPageAsync(_log, CancellationToken.None) is { } page)
        {
            foreach (var cells in await export.RowsAsync(page.Items, _log, CancellationToken.None))
            {
                var exported = export.ToPSObject(cells);
                rows.Add(new SheetRow(rows.Count + 1, export.Headers.Select(h => Cell(h, exported.Properties[h].Value is null ? string.Empty : CellConverter.Text(exported.Properties[h].Value))).ToList()));
            }
        }

        return rows;
    }

    private static IReadOnlyList<SheetRow> Rows(params (string Header, string Cell)[] cells) => new[] { new SheetRow(1, cells.Select(c => Cell(c.Header, c.Cell)).ToList()) };

    private static KeyValuePair<string, object?> Cell(string header, object? cell) => new(header, cell);
}
