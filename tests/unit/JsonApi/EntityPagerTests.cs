using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Connections;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Support.JsonApiDocuments;

namespace DrupalOAuth.Tests.JsonApi;

public sealed partial class EntityPagerTests : IDisposable
{
    private static readonly PagingScope All = new(all: true);

    private readonly FakeJsonApi _jsonApi = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _jsonApi.Dispose();

    [Fact]
    public async Task Every_page_is_read_by_following_links_next_until_Drupal_gives_none()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 4);
        _jsonApi.Page(4, new[] { 5 });

        var pages = await Read(Articles(), All);

        Assert.Equal(new[] { "Article 1", "Article 2", "Article 3", "Article 4", "Article 5" }, Titles(pages));
        Assert.Equal(3, _jsonApi.Reads.Count);
    }

    [Fact]
    public async Task The_next_page_is_requested_as_soon_as_a_page_has_come_and_no_further()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 4);
        _jsonApi.Page(4, new[] { 5 });
        var pager = await Pager(Articles(), All);

        var first = await pager.NextPageAsync(_log, CancellationToken.None);

        Assert.Equal(2, first!.Items.Count);
        await WaitUntil(() => _jsonApi.Reads.Count == 2);
        await Task.Delay(200);
        Assert.Equal(2, _jsonApi.Reads.Count);
    }

    [Fact]
    public async Task Several_pages_at_once_from_offset_links_still_come_in_order()
    {
        for (var page = 0; page < 5; page++)
        {
            _jsonApi.Page((ulong)(page * 2), new[] { (page * 2) + 1, (page * 2) + 2 }, next: page < 4 ? (ulong)((page + 1) * 2) : null);
        }

        var pages = await Read(Articles(), All, pagesAtOnce: 3);

        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"Article {n}"), Titles(pages));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, pages.Select(p => p.Number));
        Assert.InRange(_jsonApi.Reads.Count, 5, 7);
    }

    [Fact]
    public async Task A_next_link_other_than_the_one_written_ahead_is_followed_and_the_pages_fetched_ahead_are_dropped()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 5);
        _jsonApi.Page(5, new[] { 5 });

        var pages = await Read(Articles(), All, pagesAtOnce: 3);

        Assert.Equal(new[] { "Article 1", "Article 2", "Article 3", "Article 4", "Article 5" }, Titles(pages));
        Assert.Contains("is not the one written ahead", _log.AllText);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 5000; waited += 20)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task The_next_link_is_requested_as_Drupal_wrote_it_with_its_brackets_encoded()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3 });

        await Read(Articles(), All);

        Assert.Equal(new[] { "/jsonapi/node/article", "/jsonapi/node/article?page%5Boffset%5D=2&page%5Blimit%5D=2" }, _jsonApi.ReadTargets);
    }

    [Fact]
    public async Task First_zero_asks_for_nothing()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);

        var pages = await Read(Articles(), new PagingScope(first: 0));

        Assert.Empty(pages);
        Assert.Empty(_jsonApi.Reads);
    }

    [Fact]
    public async Task A_next_link_back_to_the_same_page_is_an_error_not_an_endless_read()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 2);

        var e = await Assert.ThrowsAsync<DrupalOAuth.Errors.DrupalException>(() => Read(Articles(), All));

        Assert.Equal("PagingLoop", e.ErrorId);
        Assert.Equal(2, _jsonApi.Reads.Count);
    }

    [Fact]
    public async Task An_empty_page_with_a_next_link_is_not_the_end()
    {
        _jsonApi.Page(0, Array.Empty<int>(), next: 2);
        _jsonApi.Page(2, Array.Empty<int>(), next: 4);
        _jsonApi.Page(4, new[] { 5 });

        var pages = await Read(Articles(), All);

        Assert.Equal(new[] { "Article 5" }, Titles(pages));
        Assert.Equal(new[] { 0, 0, 1 }, pages.Select(p => p.Items.Count));
    }

    [Fact]
    public async Task A_short_page_with_a_next_link_is_not_the_end()
    {
        _jsonApi.Page(0, new[] { 1 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 });

        Assert.Equal(3, (await Read(Articles(), All)).Items().Count);
    }

    [Fact]
    public async Task Each_page_says_its_number_and_how_many_items_were_written_so_far()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3 });

        var pages = await Read(Articles(), All);

        Assert.Equal(new[] { 1, 2 }, pages.Select(p => p.Number));
        Assert.Equal(new[] { 2L, 3L }, pages.Select(p => p.ItemsSoFar));
    }

    [Fact]
    public async Task Once_the_read_is_done_no_more_pages_come_and_nothing_is_asked()
    {
        _jsonApi.Page(0, new[] { 1 });
        var pager = await Pager(Articles(), All);
        await pager.ReadAllAsync();

        Assert.Null(await pager.NextPageAsync(_log, CancellationToken.None));
        Assert.Single(_jsonApi.Reads);
    }

    [Fact]
    public async Task The_items_are_flat_entities_with_their_includes()
    {
        _jsonApi.Page(0, Collection(new[] { Article(1) }, included: User(3)));

        var article = (PSObject)Assert.Single((await Read(Articles(include: new[] { "uid" }), All)).Items())!;

        Assert.Equal("DrupalOAuth.Entity#node--article", article.TypeNames[0]);
        Assert.Equal("editor3", ((PSObject)article.Properties["uid"].Value).Properties["display_name"].Value);
        Assert.Contains("include=uid", _jsonApi.ReadTargets[0]);
    }

    [Fact]
    public async Task The_first_request_carries_the_query_encoded_once()
    {
        _jsonApi.Page(0, new[] { 1 });

        await Read(Articles(filter: new Hashtable { ["title"] = "Article 1" }, sort: new[] { "-created" }), All);

        Assert.Equal("/jsonapi/node/article?filter%5Btitle%5D=Article%201&sort=-created", _jsonApi.ReadTargets[0]);
    }

    [Fact]
    public async Task Every_request_asks_for_JSON_API_with_the_connections_token()
    {
        _jsonApi.Page(0, new[] { 1 }, next: 2);
        _jsonApi.Page(2, new[] { 2 });

        await Read(Articles(), All);

        Assert.All(_jsonApi.Drupal.SiteRequests, r => Assert.Equal(MediaType, r.Header("Accept")));
        Assert.All(_jsonApi.Drupal.SiteRequests, r => Assert.Equal("Bearer drupal-token-1", r.Header("Authorization")));
    }

    [Fact]
    public async Task First_stops_requesting_once_it_has_enough_items()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 4);
        _jsonApi.Page(4, new[] { 5, 6 }, next: 6);

        var pages = await Read(Articles(), new PagingScope(first: 3));

        Assert.Equal(new[] { "Article 1", "Article 2", "Article 3" }, Titles(pages));
        Assert.Equal(2, _jsonApi.Reads.Count);
        Assert.Equal(3L, pages[^1].ItemsSoFar);
    }

    [Fact]
    public async Task First_below_Drupals_page_size_asks_for_no_more_items_than_needed()
    {
        _jsonApi.Page(0, new[] { 1, 2, 3 }, next: 3);

        await Read(Articles(), new PagingScope(first: 3));

        Assert.Equal("/jsonapi/node/article?page%5Blimit%5D=3", Assert.Single(_jsonApi.ReadTargets));
    }

    [Fact]
    public async Task First_of_Drupals_page_size_or_more_leaves_the_page_size_to_Drupal()
    {
        _jsonApi.Page(0, new[] { 1 });

        await Read(Articles(), new PagingScope(first: 50));

        Assert.Equal("/jsonapi/node/article", Assert.Single(_jsonApi.ReadTargets));
    }

    [Fact]
    public async Task A_page_size_is_the_limit_of_every_first_request_even_with_First()
    {
        _jsonApi.Page(0, new[] { 1, 2 });

        await Read(Articles(pageSize: 10), new PagingScope(first: 3));

        Assert.Equal("/jsonapi/node/article?page%5Blimit%5D=10", Assert.Single(_jsonApi.ReadTargets));
    }

    [Fact]
    public async Task Skip_starts_the_read_at_that_offset()
    {
        _jsonApi.Page(5, new[] { 6, 7 });

        var pages = await Read(Articles(), new PagingScope(all: true, skip: 5));

        Assert.Equal("/jsonapi/node/article?page%5Boffset%5D=5", Assert.Single(_jsonApi.ReadTargets));
        Assert.Equal(new[] { "Article 6", "Article 7" }, Titles(pages));
    }

    [Fact]
    public async Task By_default_one_page_is_read_and_the_end_warns_that_Drupal_has_more()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        var pager = await Pager(Articles(), new PagingScope());

        var pages = await pager.ReadAllAsync();

        Assert.Single(pages);
        Assert.Single(_jsonApi.Reads);
        Assert.Equal(
            $"Wrote the first page of node--article from {_jsonApi.Drupal.SiteUri}: 2 items. Drupal has more: use -All for every item, or -First N for the first N.",
            Assert.Single(pager.Finish()));
    }

    [Fact]
    public async Task One_page_that_is_the_last_gives_no_warning()
    {
        _jsonApi.Page(0, new[] { 1, 2 });
        var pager = await Pager(Articles(), new PagingScope());

        await pager.ReadAllAsync();

        Assert.Empty(pager.Finish());
    }

    [Fact]
    public async Task Reading_up_to_First_with_more_pages_left_gives_no_warning()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        var pager = await Pager(Articles(), new PagingScope(first: 2));

        await pager.ReadAllAsync();

        Assert.Empty(pager.Finish());
    }

    [Fact]
    public async Task Items_Drupal_left_out_are_told_once_the_read_is_done()
    {
        _jsonApi.Page(0, new[] { 1 }, next: 2, meta: Omitted(2));
        _jsonApi.Page(2, new[] { 3 }, meta: Omitted(1));
        var pager = await Pager(Articles(), All);

        var pages = await pager.ReadAllAsync();

        Assert.All(pages, p => Assert.Empty(p.Warnings));
        Assert.Equal(
            $"Drupal left out 3 node--article items that the consumer's user may not see: {OmittedDetail} Grant the user the permission to view them if the job needs them.",
            Assert.Single(pager.Finish()));
    }

    [Fact]
    public async Task A_read_with_no_items_and_items_left_out_blames_the_users_permissions_and_names_the_client()
    {
        _jsonApi.Page(0, Array.Empty<int>(), next: 2, meta: Omitted(2));
        _jsonApi.Page(2, Array.Empty<int>(), meta: Omitted(3));
        var pager = await Pager(Articles(), All);

        await pager.ReadAllAsync();

        Assert.Equal(
            $"Drupal returned no node--article items and left out 5 that the consumer's user may not see: {OmittedDetail} The user that client 'backend' acts as lacks the permission to view them; grant it to one of the user's roles (never the administrator role).",
            Assert.Single(pager.Finish()));
    }

    [Fact]
    public async Task A_next_link_on_another_origin_is_followed_on_the_sites_origin_with_one_warning()
    {
        using var internalHost = new LocalHttpServer(x => x.RespondAsync(200, Collection(new[] { Article(99) })));
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2, nextOrigin: internalHost.BaseUri);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 4, nextOrigin: internalHost.BaseUri);
        _jsonApi.Page(4, new[] { 5 });

        var pages = await Read(Articles(), All);

        Assert.Empty(internalHost.Requests);
        Assert.Equal(
            new[] { "/jsonapi/node/article", "/jsonapi/node/article?page%5Boffset%5D=2&page%5Blimit%5D=2", "/jsonapi/node/article?page%5Boffset%5D=4&page%5Blimit%5D=2" },
            _jsonApi.ReadTargets);
        Assert.Equal(5, pages.Items().Count);
        var warning = Assert.Single(pages.SelectMany(p => p.Warnings));
        Assert.Single(pages[0].Warnings);
        var other = internalHost.BaseUri.GetLeftPart(UriPartial.Authority);
        var site = _jsonApi.Drupal.SiteUri.GetLeftPart(UriPartial.Authority);
        Assert.Equal(
            $"Drupal's links point at {other}, not at the connection's site {site}: the site's reverse-proxy settings are wrong (settings.php: reverse_proxy, reverse_proxy_addresses and trusted_host_patterns). The pages are read from {site}; the token was not sent elsewhere.",
            warning);
        Assert.Equal(2, _log.Lines.Count(l => l.Contains($"Drupal's next link points at {other}: following it on {site} instead.")));
    }

    [Fact]
    public async Task Entry_point_links_on_another_origin_are_read_on_the_sites_origin()
    {
        using var internalHost = _jsonApi.LinksOnInternalHost();
        _jsonApi.Page(0, new[] { 1 });

        var pages = await Read(Articles(), All);

        Assert.Empty(internalHost.Requests);
        Assert.Equal(new[] { "Article 1" }, Titles(pages));
        Assert.StartsWith($"Drupal's links point at {internalHost.BaseUri.GetLeftPart(UriPartial.Authority)}, not at the connection's site", Assert.Single(pages[0].Warnings));
    }

    [Fact]
    public async Task The_total_is_meta_count_when_the_site_reports_one()
    {
        _jsonApi.Page(0, new[] { 1 }, meta: "\"count\":125");
        var pager = await Pager(Articles(), All);

        Assert.Null(pager.TotalCount);
        await pager.ReadAllAsync();

        Assert.Equal(125L, pager.TotalCount);
    }

    [Fact]
    public async Task A_language_reads_through_its_prefix_and_the_end_warns_of_items_in_their_original_language()
    {
        _jsonApi.Page(0, Collection(new[] { Article(1, "es"), Article(2, "en") }, next: _jsonApi.NextLink(2).Replace("/jsonapi/", "/es/jsonapi/")));
        _jsonApi.Page(2, Collection(new[] { Article(3, "en") }));
        var pager = await Pager(Articles(language: "es"), All);

        await pager.ReadAllAsync();

        Assert.Equal(new[] { "/es/jsonapi/node/article", "/es/jsonapi/node/article" }, _jsonApi.Reads.Select(r => r.Path));
        Assert.Equal(
            "2 of 3 node--article items have no 'es' translation: Drupal returned them in their original language ('en'), as it does silently. Compare their langcode property.",
            Assert.Single(pager.Finish()));
    }

    [Fact]
    public async Task Raw_writes_each_document_as_it_came()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3 });

        var pages = await Read(Articles(), All, raw: true);

        var documents = pages.Items().Cast<PSObject>().ToList();
        Assert.Equal(2, documents.Count);
        Assert.Equal(2, ((object[])documents[0].Properties["data"].Value).Length);
        Assert.Equal(new[] { 2L, 3L }, pages.Select(p => p.ItemsSoFar));
    }

    [Fact]
    public async Task Raw_with_First_stops_once_the_documents_hold_enough_items()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 4);
        _jsonApi.Page(4, new[] { 5, 6 });

        await Read(Articles(), new PagingScope(first: 2), raw: true);

        Assert.Single(_jsonApi.Reads);
    }

    [Fact]
    public async Task The_description_names_the_resource_type_and_the_site()
    {
        _jsonApi.Page(0, new[] { 1 });
        var pager = await Pager(Articles(), All);

        await pager.ReadAllAsync();

        Assert.Equal($"node--article from {_jsonApi.Drupal.SiteUri}", pager.Description);
    }

    [Fact]
    public async Task An_unknown_resource_type_fails_before_any_collection_is_read()
    {
        var pager = await Pager(new EntityQuery("node", "artcle"), All);

        var e = await DrupalAssert.FailsAsync("UnknownResourceType", () => pager.NextPageAsync(_log, CancellationToken.None));

        Assert.Contains("nearest first: node--article", e.Message);
        Assert.Empty(_jsonApi.Reads);
    }

    [Fact]
    public async Task A_page_Drupal_does_not_find_ends_the_read_with_Drupals_words()
    {
        _jsonApi.Page(0, new[] { 1 }, next: 2);
        var pager = await Pager(Articles(), All);
        Assert.Single((await pager.NextPageAsync(_log, CancellationToken.None))!.Items);

        var e = await DrupalAssert.FailsAsync("NotFound", () => pager.NextPageAsync(_log, CancellationToken.None));

        Assert.Contains("The requested page could not be found.", e.Message);
    }

    private static EntityQuery Articles(IDictionary? filter = null, string[]? sort = null, string[]? include = null, string? language = null, int? pageSize = null) =>
        new("node", "article", filter, sort, include, language: language, pageSize: pageSize);

    private async Task<IResultPager> Pager(EntityQuery query, PagingScope scope, bool raw = false, int pagesAtOnce = 1)
    {
        var connection = await _jsonApi.OpenAsync(_log);
        return connection.PageEntities(query, scope, raw, pagesAtOnce: pagesAtOnce);
    }

    private async Task<IReadOnlyList<ResultPage>> Read(EntityQuery query, PagingScope scope, bool raw = false, int pagesAtOnce = 1) =>
        await (await Pager(query, scope, raw, pagesAtOnce)).ReadAllAsync(_log);

    private static string[] Titles(IEnumerable<ResultPage> pages) =>
        pages.Items().Select(i => (string)((PSObject)i!).Properties["title"].Value).ToArray();
}
