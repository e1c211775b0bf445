using System.Text.Json.Nodes;
using DrupalOAuth.Content;
using DrupalOAuth.Tests.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

/// <summary>
/// ContentImporter against a small JSON:API site (<see cref="SheetSite"/>: articles, tags, users): the pre-flight's
/// decisions per entity, its batched reads, and the writes they lead to.
/// </summary>
public sealed class ContentImporterTests : IDisposable
{
    private const string Author = "00000002-05e4-4c3e-9f00-000000000002";
    private const string Stranger = "0000000a-05e4-4c3e-9f00-00000000000a";
    private const string Tag = "00000001-7a95-4c3e-9f00-000000000001";
    private const string Article = "00000006-d7a1-4c3e-9f00-000000000006";

    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public ContentImporterTests()
    {
        _site.Add("user--user", Author, new JsonObject { ["display_name"] = "api_user", ["name"] = "api_user" });
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task An_empty_site_gets_every_entity_created_with_its_uuid_what_is_referenced_first()
    {
        var importer = await ImporterAsync(new ContentImportOptions());
        var plan = await importer.PlanAsync(Folder(ArticleEntity(Author, Tag), TagEntity()), _log, CancellationToken.None);

        Assert.Null(plan.StopReason);
        Assert.Equal(new[] { Tag, Article }, plan.Items.Select(i => i.Entity.Uuid));
        Assert.All(plan.Items, i => Assert.Equal(ContentAction.Created, i.Action));
        Assert.Empty(_site.Writes);

        var results = await ApplyAllAsync(importer, plan);

        Assert.All(results, r => Assert.Equal(ContentAction.Created, r.Action));
        Assert.Equal(new[] { "POST", "POST" }, _site.Writes.Select(w => w.Method));
        var article = Assert.Single(_site.All("node--article"));
        Assert.Equal(Article, (string?)article["id"]);
        Assert.Equal("Article 6", (string?)article["attributes"]!["title"]);
        // An empty site shows no article to learn that field_tags takes a list from: one item goes alone.
        Assert.Equal(Tag, (string?)article["relationships"]!["field_tags"]!["data"]!["id"]);
        Assert.Equal(Tag, (string?)Assert.Single(_site.All("taxonomy_term--tags"))["id"]);
    }

    [Fact]
    public async Task A_second_import_of_the_same_folder_finds_everything_unchanged_and_writes_nothing()
    {
        var folder = Folder(ArticleEntity(Author, Tag), TagEntity());
        var first = await ImporterAsync(new ContentImportOptions());
        await ApplyAllAsync(first, await first.PlanAsync(folder, _log, CancellationToken.None));
        var writes = _site.Writes.Count;

        var again = await ImporterAsync(new ContentImportOptions());
        var plan = await again.PlanAsync(folder, _log, CancellationToken.None);
        var results = await ApplyAllAsync(again, plan);

        Assert.All(results, r => Assert.Equal(ContentAction.Unchanged, r.Action));
        Assert.Equal(writes, _site.Writes.Count);
    }

    [Fact]
    public async Task The_pre_flight_reads_existing_uuids_in_one_batched_request_per_type()
    {
        var tags = Enumerable.Range(1, 60).Select(i => TagEntity($"{i:x8}-7a95-4c3e-9f00-{i:x12}", $"Tag {i}")).ToArray();
        var importer = await ImporterAsync(new ContentImportOptions());

        var plan = await importer.PlanAsync(Folder(tags), _log, CancellationToken.None);

        // 60 UUIDs: two IN filters of up to 50; an empty site gives no entity to learn the fields' shapes from, so one more read.
        Assert.Equal(3, plan.LookupRequests);
        Assert.Equal(2, _site.Reads.Count(r => r.Target.Contains("condition", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_entity_that_differs_is_updated_in_the_differing_fields_only()
    {
        var folder = Folder(ArticleEntity(Author, Tag), TagEntity());
        var first = await ImporterAsync(new ContentImportOptions());
        await ApplyAllAsync(first, await first.PlanAsync(folder, _log, CancellationToken.None));
        _site.All("node--article").Single()["attributes"]!["title"] = "Changed on the site";

        var importer = await ImporterAsync(new ContentImportOptions());
        var plan = await importer.PlanAsync(folder, _log, CancellationToken.None);
        var article = plan.Items.Single(i => i.Entity.Uuid == Article);
        Assert.Equal(ContentAction.Updated, article.Action);
        var result = await importer.ApplyAsync(plan, article, _log, CancellationToken.None);

        Assert.Equal("title", result.Changed);
        var patch = _site.Writes.Last();
        Assert.Equal("PATCH", patch.Method);
        var sent = JsonNode.Parse(patch.BodyText)!["data"]!;
        Assert.Equal(new[] { "title" }, sent["attributes"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Article 6", (string?)_site.All("node--article").Single()["attributes"]!["title"]);
    }

    [Theory]
    [InlineData(ExistingContent.Skip, ContentAction.Skipped)]
    [InlineData(ExistingContent.Error, ContentAction.Failed)]
    public async Task Existing_skip_or_error_leaves_an_existing_entity_alone(ExistingContent existing, ContentAction expected)
    {
        _site.Add("taxonomy_term--tags", Tag, new JsonObject { ["name"] = "Other name" });
        var importer = await ImporterAsync(new ContentImportOptions { Existing = existing });

        var plan = await importer.PlanAsync(Folder(TagEntity()), _log, CancellationToken.None);
        var result = Assert.Single(await ApplyAllAsync(importer, plan));

        Assert.Equal(expected, result.Action);
        Assert.Empty(_site.Writes);
        if (expected == ContentAction.Failed)
        {
            Assert.Equal("ContentExists", plan.Items.Single().Failure!.ErrorId);
        }
    }

    [Fact]
    public async Task A_reference_to_an_entity_neither_in_the_folder_nor_on_the_site_fails_that_entity_naming_the_uuid()
    {
        var importer = await ImporterAsync(new ContentImportOptions());

        var plan = await importer.PlanAsync(Folder(ArticleEntity(Author, Tag)), _log, CancellationToken.None);
        var result = Assert.Single(await ApplyAllAsync(importer, plan));

        Assert.Equal(ContentAction.Failed, result.Action);
        Assert.Contains(Tag, result.Error);
        Assert.Equal("MissingReference", plan.Items.Single().Failure!.ErrorId);
        Assert.Empty(_site.Writes);
    }

    [Fact]
    public async Task A_user_the_site_lacks_fails_the_entities_that_reference_it_without_DefaultUser()
    {
        var importer = await ImporterAsync(new ContentImportOptions());

        var plan = await importer.PlanAsync(Folder(ArticleEntity(Stranger, Tag), TagEntity(), UserEntity(Stranger, "stranger")), _log, CancellationToken.None);

        var user = plan.Items.Single(i => i.Entity.Uuid == Stranger);
        Assert.Equal(ContentAction.Skipped, user.Action);
        Assert.Contains("-DefaultUser", user.AsResult().Notes);
        var article = plan.Items.Single(i => i.Entity.Uuid == Article);
        Assert.Equal(ContentAction.Failed, article.Action);
        Assert.Equal("MissingUser", article.Failure!.ErrorId);
        Assert.Contains(Stranger, article.Failure.Message);
        Assert.Contains("stranger", article.Failure.Message);
    }

    [Fact]
    public async Task With_DefaultUser_references_to_a_missing_user_go_to_that_user_with_a_warning()
    {
        var importer = await ImporterAsync(new ContentImportOptions { DefaultUser = "api_user" });

        var plan = await importer.PlanAsync(Folder(ArticleEntity(Stranger, Tag), TagEntity()), _log, CancellationToken.None);
        await ApplyAllAsync(importer, plan);

        var warning = Assert.Single(plan.Warnings);
        Assert.Contains(Stranger, warning);
        Assert.Contains("api_user", warning);
        var article = Assert.Single(_site.All("node--article"));
        Assert.Equal(Author, (string?)article["relationships"]!["uid"]!["data"]!["id"]);
    }

    [Fact]
    public async Task Users_0_and_1_written_by_id_are_the_target_sites_own()
    {
        const string Admin = "00000001-05e4-4c3e-9f00-000000000001";
        _site.Add("user--user", Admin, new JsonObject { ["display_name"] = "admin", ["name"] = "admin", ["drupal_internal__uid"] = 1 });
        var article = ArticleEntity(Author, Tag);
        article.Fields["uid"] = Items(new ContentMap { ["target_id"] = 1L });
        var importer = await ImporterAsync(new ContentImportOptions());

        var plan = await importer.PlanAsync(Folder(article, TagEntity()), _log, CancellationToken.None);
        await ApplyAllAsync(importer, plan);

        Assert.Equal(Admin, (string?)Assert.Single(_site.All("node--article"))["relationships"]!["uid"]!["data"]!["id"]);
    }

    [Fact]
    public async Task A_user_by_id_the_site_does_not_show_fails_its_entity_without_DefaultUser()
    {
        var article = ArticleEntity(Author, Tag);
        article.Fields["uid"] = Items(new ContentMap { ["target_id"] = 1L });
        var importer = await ImporterAsync(new ContentImportOptions());

        var plan = await importer.PlanAsync(Folder(article, TagEntity()), _log, CancellationToken.None);

        var failed = plan.Items.Single(i => i.Entity.Uuid == Article);
        Assert.Equal("MissingUser", failed.Failure!.ErrorId);
        Assert.Contains("user 1", failed.Failure.Message);
    }

    [Fact]
    public async Task A_reference_that_closes_a_cycle_is_sent_in_a_second_write_once_both_ends_exist()
    {
        const string Other = "00000002-7a95-4c3e-9f00-000000000002";
        var first = TagEntity();
        var second = TagEntity(Other, "Drupal");
        foreach (var (from, to) in new[] { (first, Other), (second, Tag) })
        {
            from.Depends[to] = "taxonomy_term";
            from.Fields["field_related"] = Items(new ContentMap { ["entity"] = to });
        }

        var importer = await ImporterAsync(new ContentImportOptions());
        var plan = await importer.PlanAsync(Folder(first, second), _log, CancellationToken.None);
        var results = await ApplyAllAsync(importer, plan);

        Assert.All(results, r => Assert.Equal(ContentAction.Created, r.Action));
        Assert.Equal(new[] { "POST", "POST", "PATCH" }, _site.Writes.Select(w => w.Method));
        var tags = _site.All("taxonomy_term--tags").ToDictionary(t => (string)t["id"]!);
        Assert.Equal(Other, (string?)tags[Tag]["relationships"]!["field_related"]!["data"]!["id"]);
        Assert.Equal(Tag, (string?)tags[Other]["relationships"]!["field_related"]!["data"]!["id"]);
        Assert.Contains(results, r => r.Notes.Contains("a cycle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_DefaultUser_the_site_does_not_have_stops_the_pre_flight()
    {
        var importer = await ImporterAsync(new ContentImportOptions { DefaultUser = "nobody" });

        var error = await Assert.ThrowsAsync<DrupalOAuth.Errors.DrupalException>(() => importer.PlanAsync(Folder(ArticleEntity(Stranger, Tag), TagEntity()), _log, CancellationToken.None));

        Assert.Equal("DefaultUserNotFound", error.ErrorId);
        Assert.Empty(_site.Writes);
    }

    [Fact]
    public async Task Files_that_do_not_parse_stop_the_import_before_any_request()
    {
        var importer = await ImporterAsync(new ContentImportOptions());
        var folder = new ContentFolderContents("/content", new[] { TagEntity() }, new[] { new ContentProblem("/content/node/x.yml", null, "/content/node/x.yml: not YAML") });

        var plan = await importer.PlanAsync(folder, _log, CancellationToken.None);

        Assert.Contains("/content/node/x.yml: not YAML", plan.StopReason);
        Assert.Equal(ContentAction.Skipped, Assert.Single(plan.Items).Action);
        Assert.Empty(_site.Reads);
    }

    [Fact]
    public async Task Under_WhatIf_the_plan_says_what_would_be_done()
    {
        var importer = await ImporterAsync(new ContentImportOptions());

        var plan = await importer.PlanAsync(Folder(ArticleEntity(Author, Tag), TagEntity()), _log, CancellationToken.None);
        var results = plan.Items.Select(item => importer.Decline(plan, item, whatIf: true)).ToList();

        Assert.All(results, r => Assert.Equal(ContentAction.WouldCreate, r.Action));
        Assert.Empty(_site.Writes);
    }

    private async Task<ContentImporter> ImporterAsync(ContentImportOptions options) => new((await _site.OpenAsync()).OpenContent(), options);

    private async Task<List<ContentResult>> ApplyAllAsync(ContentImporter importer, ContentImportPlan plan)
    {
        var results = new List<ContentResult>();
        foreach (var item in plan.Items)
        {
            results.Add(await importer.ApplyAsync(plan, item, _log, CancellationToken.None));
        }

        return results;
    }

    private static ContentFolderContents Folder(params ContentEntity[] entities) => new("/content", entities, Array.Empty<ContentProblem>());

    private static ContentEntity ArticleEntity(string author, string tag)
    {
        var entity = new ContentEntity("node", Article, "article", "en");
        entity.Depends[author] = "user";
        entity.Depends[tag] = "taxonomy_term";
        entity.Fields["uid"] = Items(new ContentMap { ["entity"] = author });
        entity.Fields["title"] = Items(new ContentMap { ["value"] = "Article 6" });
        entity.Fields["field_tags"] = Items(new ContentMap { ["entity"] = tag });
        return entity;
    }

    private static ContentEntity TagEntity(string uuid = Tag, string name = "PowerShell")
    {
        var entity = new ContentEntity("taxonomy_term", uuid, "tags", "en");
        entity.Fields["name"] = Items(new ContentMap { ["value"] = name });
        return entity;
    }

    private static ContentEntity UserEntity(string uuid, string name)
    {
        var entity = new ContentEntity("user", uuid, null, "en");
        entity.Fields["name"] = Items(new ContentMap { ["value"] = name });
        return entity;
    }

    private static List<object?> Items(params ContentMap[] items) => items.Cast<object?>().ToList();
}
