using System.Collections;
using System.Text.Json.Nodes;
using DrupalOAuth.Content;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

public sealed class ContentWalkerTests : IDisposable
{
    private const string Author = "a0000000-0000-4000-8000-000000000001";

    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Reads_the_selection_page_by_page_and_each_dependency_once_in_one_IN_request()
    {
        var tags = AddTags(3);
        AddArticles(120, tags);

        var (entities, walker) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { Languages = Array.Empty<string>() });

        Assert.Equal(120, entities.Count(e => e.EntityType == "node"));
        Assert.Equal(tags.OrderBy(t => t), entities.Where(e => e.EntityType == "taxonomy_term").Select(e => e.Uuid).OrderBy(t => t));
        Assert.Equal(entities.Count, entities.Select(e => e.Uuid).Distinct().Count());
        Assert.DoesNotContain(entities, e => e.EntityType == "user");
        Assert.Empty(walker.Failures);

        // Three pages of articles, one IN request for the three tags, none for the author.
        Assert.Equal(4, _site.Reads.Count);
        Assert.Equal(4, walker.Requests);
        var tagRead = Assert.Single(_site.Reads, r => r.Path.Contains("taxonomy_term", StringComparison.Ordinal));
        Assert.Contains("%5Boperator%5D=IN", tagRead.Target, StringComparison.Ordinal);
        Assert.DoesNotContain(_site.Reads, r => r.Path.Contains("user", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_are_read_only_with_IncludeUsers()
    {
        AddArticles(2, AddTags(1));
        _site.Add("user--user", Author, new JsonObject { ["name"] = "api_user" });

        var (entities, _) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { IncludeUsers = true, Languages = Array.Empty<string>() });

        var user = Assert.Single(entities, e => e.EntityType == "user");
        Assert.Equal(Author, user.Uuid);
        Assert.False(user.Fields.ContainsKey("pass"));
    }

    [Fact]
    public async Task Users_a_filter_does_not_find_are_read_one_by_one()
    {
        AddArticles(2, Array.Empty<string>());
        _site.Add("user--user", Author, new JsonObject { ["display_name"] = "api_user" });
        _site.LabelOnlyUsers = true;

        var (entities, walker) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { IncludeUsers = true, Languages = Array.Empty<string>() });

        Assert.Equal(Author, Assert.Single(entities, e => e.EntityType == "user").Uuid);
        Assert.Empty(walker.Failures);
        Assert.Single(_site.Reads, r => r.Path.EndsWith("/user/user/" + Author, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_dependencies_only_the_selection_is_read()
    {
        AddArticles(3, AddTags(2));

        var (entities, walker) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { Dependencies = false, Languages = Array.Empty<string>() });

        Assert.Equal(3, entities.Count);
        Assert.All(entities, e => Assert.Equal("node", e.EntityType));
        Assert.Single(_site.Reads);
        Assert.Equal(1, walker.Requests);
        Assert.Equal(2, entities[0].Depends.Count(d => (string?)d.Value == "taxonomy_term"));
    }

    [Fact]
    public async Task A_dependency_that_cannot_be_read_is_a_failure_naming_what_referenced_it_and_the_rest_is_read()
    {
        var tags = AddTags(1);
        const string gone = "dead0000-0000-4000-8000-000000000001";
        AddArticles(1, tags.Append(gone).ToArray());

        var (entities, walker) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { Languages = Array.Empty<string>() });

        Assert.Equal(2, entities.Count);
        var failure = Assert.Single(walker.Failures);
        Assert.Equal(ContentAction.Failed, failure.Action);
        Assert.Equal(gone, failure.Uuid);
        Assert.Equal("taxonomy_term", failure.EntityType);
        Assert.Contains(Article(1), failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task References_between_selected_and_referenced_nodes_read_each_node_once_even_in_a_cycle()
    {
        _site.Add("node--article", Article(1), Attributes(1), new JsonObject { ["field_related"] = SheetSite.To("node--article", Article(2)) });
        _site.Add("node--article", Article(2), Attributes(2), new JsonObject { ["field_related"] = SheetSite.To("node--article", Article(1)) });

        var (entities, _) = await WalkAsync(new EntityQuery("node", "article", filter: new Hashtable { ["title"] = new Hashtable { ["operator"] = "IN", ["value"] = new[] { "Article 1" } } }), null, new ContentWalkOptions { Languages = Array.Empty<string>() });

        Assert.Equal(new[] { Article(1), Article(2) }, entities.Select(e => e.Uuid));
    }

    [Fact]
    public async Task Piped_ids_are_read_fifty_a_request_and_an_unknown_one_is_a_failure()
    {
        AddArticles(60, Array.Empty<string>());
        var seeds = Enumerable.Range(1, 60).Select(n => new KeyValuePair<string, string>("node--article", Article(n)))
            .Append(new KeyValuePair<string, string>("node--article", Article(99)))
            .ToList();

        var (entities, walker) = await WalkAsync(null, seeds, new ContentWalkOptions { Languages = Array.Empty<string>() });

        Assert.Equal(60, entities.Count);
        Assert.Equal(2, _site.Reads.Count);
        Assert.Equal(Article(99), Assert.Single(walker.Failures).Uuid);
    }

    [Fact]
    public async Task First_limits_the_selection_not_its_dependencies()
    {
        AddArticles(120, AddTags(2));

        var (entities, _) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { First = 70, Languages = Array.Empty<string>() });

        Assert.Equal(70, entities.Count(e => e.EntityType == "node"));
        Assert.Equal(2, entities.Count(e => e.EntityType == "taxonomy_term"));
    }

    [Fact]
    public async Task Without_a_language_list_on_the_site_no_translation_is_read_and_verbose_says_why()
    {
        AddArticles(1, Array.Empty<string>());

        var (_, walker) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions());

        Assert.Empty(walker.Languages);
        Assert.Contains(_log.Lines, l => l.Contains("no translations are read", StringComparison.Ordinal) && l.Contains("-Language", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_a_type_was_read_whole_its_later_reads_ask_only_for_the_fields_the_export_keeps()
    {
        var tags = AddTags(60);
        AddArticles(60, tags);
        var seeds = Enumerable.Range(1, 60).Select(n => new KeyValuePair<string, string>("node--article", Article(n))).ToList();

        var (entities, walker) = await WalkAsync(null, seeds, new ContentWalkOptions { Languages = Array.Empty<string>() });

        Assert.Empty(walker.Failures);
        Assert.Equal(120, entities.Count);

        // Fifty articles whole, then the full batch of fifty tags whole; the ten articles and ten tags left with fields.
        var fieldsets = _site.Reads.Select(r => (r.Path, Fields: Fieldset(r.Target))).ToList();
        Assert.Equal(
            new[]
            {
                ("/jsonapi/node/article", (string?)null),
                ("/jsonapi/taxonomy_term/tags", null),
                ("/jsonapi/node/article", "field_tags,langcode,status,title,uid"),
                ("/jsonapi/taxonomy_term/tags", "langcode,name"),
            },
            fieldsets);

        // What the sparse reads gave maps as the whole reads did.
        var whole = entities.Single(e => e.Uuid == Article(1));
        var sparse = entities.Single(e => e.Uuid == Article(60));
        Assert.Equal(whole.Fields.Keys, sparse.Fields.Keys);
        Assert.Equal("en", sparse.DefaultLangcode);
        Assert.Equal(60, sparse.Depends.Count(d => (string?)d.Value == "taxonomy_term"));
        Assert.Contains(_log.Lines, l => l.StartsWith("VERBOSE: The walk asks for 5 fields of node--article", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, l => l.StartsWith("VERBOSE: The walk asks for 2 fields of taxonomy_term--tags", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_are_always_read_whole_since_Drupal_shows_their_fields_per_account()
    {
        var users = Enumerable.Range(1, 60).Select(n => $"{n:x8}-05e4-4c3e-9f00-{n:x12}").ToList();
        foreach (var uuid in users)
        {
            _site.Add("user--user", uuid, new JsonObject { ["name"] = "user " + uuid, ["mail"] = uuid == users[59] ? "own@example.com" : null });
        }

        var (entities, _) = await WalkAsync(null, users.Select(u => new KeyValuePair<string, string>("user--user", u)).ToList(), new ContentWalkOptions { IncludeUsers = true, Languages = Array.Empty<string>() });

        Assert.Equal(60, entities.Count);
        Assert.All(_site.Reads, r => Assert.Null(Fieldset(r.Target)));
        Assert.Equal("own@example.com", ContentEntity.Items(entities.Single(e => e.Uuid == users[59]).Fields, "mail").Single()["value"]);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("fields of user--user"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_selection_s_pages_after_the_first_ask_only_for_the_kept_fields_and_paging_ahead_goes_on(int pagesAtOnce)
    {
        AddArticles(300, Array.Empty<string>());

        var (entities, _) = await WalkAsync(new EntityQuery("node", "article"), null, new ContentWalkOptions { PagesAtOnce = pagesAtOnce, Dependencies = false, Languages = Array.Empty<string>() });

        Assert.Equal(Enumerable.Range(1, 300).Select(Article), entities.Select(e => e.Uuid));
        Assert.All(entities, e => Assert.Equal(new[] { "title", "status", "uid" }, e.Fields.Keys));
        var fieldsets = _site.Reads.Select(r => Fieldset(r.Target)).ToList();
        Assert.Equal(6, fieldsets.Count);
        Assert.Null(fieldsets[0]);

        // Only the pages already on their way when the first came are read whole.
        Assert.True(fieldsets.Count(f => f == null) <= 1 + pagesAtOnce);
        Assert.Equal("field_tags,langcode,status,title,uid", fieldsets[^1]);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("is not the one written ahead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fields_core_leaves_out_are_not_asked_for_but_langcode_is()
    {
        for (var n = 1; n <= 51; n++)
        {
            var attributes = Attributes(n);
            attributes["drupal_internal__nid"] = n;
            attributes["created"] = "2024-01-02T03:04:05+00:00";
            attributes["changed"] = "2024-01-02T03:04:05+00:00";
            attributes["default_langcode"] = true;
            _site.Add("node--article", Article(n), attributes, new JsonObject { ["node_type"] = SheetSite.To("node_type--node_type", "b0000000-0000-4000-8000-000000000001") });
        }

        var seeds = Enumerable.Range(1, 51).Select(n => new KeyValuePair<string, string>("node--article", Article(n))).ToList();
        await WalkAsync(null, seeds, new ContentWalkOptions { Dependencies = false, Languages = Array.Empty<string>() });

        Assert.Equal(new[] { null, "langcode,status,title" }, _site.Reads.Select(r => Fieldset(r.Target)));
    }

    private async Task<(List<ContentEntity> Entities, ContentWalker Walker)> WalkAsync(EntityQuery? query, IReadOnlyList<KeyValuePair<string, string>>? seeds, ContentWalkOptions options)
    {
        var session = (await _site.OpenAsync()).OpenContent();
        var walker = new ContentWalker(session, query, seeds, options);
        var entities = new List<ContentEntity>();
        while (await walker.NextAsync(_log, CancellationToken.None) is { } batch)
        {
            entities.AddRange(batch);
        }

        return (entities, walker);
    }

    /// <summary>The <c>fields[…]</c> parameter of a request, decoded; null when it has none.</summary>
    private static string? Fieldset(string target)
    {
        var query = target.Contains('?', StringComparison.Ordinal) ? target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        return query.Split('&').Select(Uri.UnescapeDataString).Where(p => p.StartsWith("fields[", StringComparison.Ordinal)).Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]).SingleOrDefault();
    }

    private static string Article(int n) => $"{n:x8}-d7a1-4c3e-9f00-{n:x12}";

    private static JsonObject Attributes(int n) => new() { ["langcode"] = "en", ["title"] = $"Article {n}", ["status"] = true };

    private string[] AddTags(int count) =>
        Enumerable.Range(1, count).Select(t =>
        {
            var id = $"{t:x8}-7a95-4c3e-9f00-{t:x12}";
            _site.Add("taxonomy_term--tags", id, new JsonObject { ["langcode"] = "en", ["name"] = $"tag {t}" });
            return id;
        }).ToArray();

    private void AddArticles(int count, string[] tags)
    {
        for (var n = 1; n <= count; n++)
        {
            _site.Add("node--article", Article(n), Attributes(n), new JsonObject
            {
                ["uid"] = SheetSite.To("user--user", Author),
                ["field_tags"] = SheetSite.ToMany("taxonomy_term--tags", tags),
            });
        }
    }
}
