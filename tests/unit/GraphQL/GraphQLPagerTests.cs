using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Paging;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.GraphQL;

public sealed partial class GraphQLPagerTests : IDisposable
{
    private const string RelayQuery = "query ($after: Cursor) { nodeArticles(first: 2, after: $after) { nodes { title } pageInfo { hasNextPage endCursor } } }";
    private const string OffsetQuery = "query ($offset: Int, $limit: Int) { articles(offset: $offset, limit: $limit) { total items { id title } } }";
    private const string Nodes = "nodeArticles.nodes";
    private const string Items = "articles.items";

    private static readonly PagingScope All = new(all: true);

    private readonly Queue<string> _answers = new();
    private readonly List<IDictionary> _sent = new();
    private readonly RecordingLog _log = new();
    private FakeDrupal? _drupal;

    public void Dispose() => _drupal?.Dispose();

    [Fact]
    public async Task Relay_paging_passes_each_end_cursor_as_after_until_hasNextPage_is_false()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 5, null));

        var pages = await Pager(RelayQuery, Nodes, All).ReadAllAsync(_log);

        Assert.Equal(new[] { "A1", "A2", "A3", "A4", "A5" }, Titles(pages));
        Assert.Equal(new[] { "(none)", "c1", "c2" }, Sent("after"));
        Assert.Equal(new[] { 1, 2, 3 }, pages.Select(p => p.Number));
        Assert.Equal(new[] { 2L, 4L, 5L }, pages.Select(p => p.ItemsSoFar));
    }

    [Fact]
    public async Task The_last_page_says_so_in_the_log()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 3, null));

        await Pager(RelayQuery, Nodes, All).ReadAllAsync(_log);

        Assert.Contains("Page 1: 2 items; next after cursor c1.", _log.Lines.Select(l => l.Replace("VERBOSE: ", string.Empty)));
        Assert.Contains("Page 2: 1 items; the last page.", _log.Lines.Select(l => l.Replace("VERBOSE: ", string.Empty)));
    }

    [Fact]
    public async Task The_first_page_starts_at_a_cursor_the_caller_gave_and_other_variables_go_with_every_page()
    {
        Answer(Relay(3, 4, "c2"), Relay(5, 5, null));

        await Pager(RelayQuery, Nodes, All, new Hashtable { ["after"] = "c1", ["langcode"] = "es" }).ReadAllAsync();

        Assert.Equal(new[] { "c1", "c2" }, Sent("after"));
        Assert.Equal(new[] { "es", "es" }, Sent("langcode"));
    }

    [Theory]
    [InlineData("cursor")]
    [InlineData("$cursor")]
    [InlineData(" $cursor ")]
    public async Task Another_cursor_variable_can_be_named_with_or_without_its_dollar(string cursorVariable)
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 3, null));

        await Pager(RelayQuery.Replace("$after: Cursor", "$cursor: Cursor").Replace("after: $after", "after: $cursor"), Nodes, All, cursorVariable: cursorVariable).ReadAllAsync();

        Assert.Equal(new[] { "(none)", "c1" }, Sent("cursor"));
    }

    [Fact]
    public async Task hasNextPage_without_an_end_cursor_ends_the_read()
    {
        Answer("{\"data\":{\"nodeArticles\":{\"nodes\":[{\"title\":\"A1\"}],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":null}}}}");

        Assert.Single(await Pager(RelayQuery, Nodes, All).ReadAllAsync());
    }

    [Fact]
    public async Task Relay_paging_without_pageInfo_fails_saying_what_to_select_and_where()
    {
        Answer("{\"data\":{\"nodeArticles\":{\"nodes\":[{\"title\":\"A1\"}]}}}");

        var e = await DrupalAssert.FailsAsync("PageInfoMissing", () => Pager(RelayQuery, Nodes, All).NextPageAsync(_log, CancellationToken.None));

        Assert.Contains("select pageInfo { hasNextPage endCursor } beside 'nodes' in the query", e.Message);
        Assert.Equal(Nodes, e.Target);
    }

    [Fact]
    public async Task pageInfo_is_found_on_the_nearest_object_above_the_list()
    {
        Answer(
            "{\"data\":{\"nodeArticles\":{\"edges\":[{\"node\":{\"title\":\"A1\"}},{\"node\":{\"title\":\"A2\"}}],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c1\"}}}}",
            "{\"data\":{\"nodeArticles\":{\"edges\":[{\"node\":{\"title\":\"A3\"}}],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"c2\"}}}}");

        var pages = await Pager(RelayQuery, "nodeArticles.edges.node", All).ReadAllAsync();

        Assert.Equal(new[] { "A1", "A2", "A3" }, Titles(pages));
    }

    [Fact]
    public async Task First_stops_requesting_once_it_has_enough_items()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 6, "c3"));

        var pages = await Pager(RelayQuery, Nodes, new PagingScope(first: 3)).ReadAllAsync();

        Assert.Equal(new[] { "A1", "A2", "A3" }, Titles(pages));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task Skip_leaves_out_the_first_items_across_pages()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 5, null));

        var pages = await Pager(RelayQuery, Nodes, new PagingScope(all: true, skip: 3)).ReadAllAsync();

        Assert.Equal(new[] { "A4", "A5" }, Titles(pages));
        Assert.Equal(new[] { 0, 1, 1 }, pages.Select(p => p.Items.Count));
    }

    [Fact]
    public async Task Skip_and_First_together_write_the_window_between()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 6, "c3"));

        var pages = await Pager(RelayQuery, Nodes, new PagingScope(first: 2, skip: 1)).ReadAllAsync();

        Assert.Equal(new[] { "A2", "A3" }, Titles(pages));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task Skip_alone_reads_one_page_as_without_All()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 5, null));

        var pages = await Pager(RelayQuery, Nodes, new PagingScope(skip: 1)).ReadAllAsync();

        Assert.Single(_sent);
        Assert.Equal(new[] { "A2" }, Titles(pages));
    }

    [Fact]
    public async Task Skip_alone_with_offset_paging_reads_one_page_too()
    {
        Answer(Offset(1, 2), Offset(3, 4));

        var pages = await Pager(OffsetQuery, Items, new PagingScope(skip: 1), new Hashtable { ["limit"] = 2 }).ReadAllAsync();

        Assert.Equal(new[] { "ARTICLE 2" }, Titles(pages));
        Assert.Single(_sent);
    }

    [Fact]
    public async Task Skip_alone_on_a_cursor_query_without_pageInfo_reads_its_one_page()
    {
        Answer("{\"data\":{\"nodeArticles\":{\"nodes\":[{\"title\":\"A1\"},{\"title\":\"A2\"}]}}}");

        var pages = await Pager(RelayQuery, Nodes, new PagingScope(skip: 1)).ReadAllAsync();

        Assert.Equal(new[] { "A2" }, Titles(pages));
    }

    [Fact]
    public async Task Raw_writes_each_response_whole()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 3, null));

        var pages = await Pager(RelayQuery, Nodes, All, raw: true).ReadAllAsync();

        var responses = pages.Items().Cast<PSObject>().ToList();
        Assert.Equal(2, responses.Count);
        Assert.NotNull(responses[0].Properties["data"]);
        Assert.Equal(new[] { 2L, 3L }, pages.Select(p => p.ItemsSoFar));
    }

    [Fact]
    public async Task Raw_with_First_stops_once_the_responses_hold_enough_items()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 5, null));

        await Pager(RelayQuery, Nodes, new PagingScope(first: 2), raw: true).ReadAllAsync();

        Assert.Single(_sent);
    }

    [Fact]
    public async Task GraphQL_errors_beside_data_come_with_the_page_and_the_read_goes_on()
    {
        Answer(
            "{\"data\":{\"nodeArticles\":{\"nodes\":[{\"title\":\"A1\"},null],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c1\"}}},\"errors\":[{\"message\":\"Access denied\",\"path\":[\"nodeArticles\",\"nodes\",1]}]}",
            Relay(3, 3, null));

        var pages = await Pager(RelayQuery, Nodes, All).ReadAllAsync();

        var error = Assert.Single(pages[0].Errors);
        Assert.Equal("GraphQLError", error.ErrorId);
        Assert.Contains("Access denied", error.Message);
        Assert.Empty(pages[1].Errors);
    }

    [Fact]
    public async Task A_page_without_data_ends_the_read_with_GraphQLNoData()
    {
        Answer("{\"errors\":[{\"message\":\"first may not be larger than 100\"}]}");

        var e = await DrupalAssert.FailsAsync("GraphQLNoData", () => Pager(RelayQuery, Nodes, All).NextPageAsync(_log, CancellationToken.None));

        Assert.Contains("first may not be larger than 100", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Paging_without_an_expand_path_is_refused(string? expandPath)
    {
        var e = DrupalAssert.Fails("PagingNeedsExpandPath", () => Pager(RelayQuery, expandPath, All));

        Assert.Contains("pass -ExpandPath", e.Message);
    }

    [Fact]
    public void All_without_a_cursor_or_offset_variable_is_refused_showing_both_forms()
    {
        var e = DrupalAssert.Fails("PagingVariableMissing", () => Pager("{ nodeArticles(first: 10) { nodes { title } } }", Nodes, All));

        Assert.Contains("$after for a Relay connection", e.Message);
        Assert.Contains("or $offset for offset paging", e.Message);
        Assert.Contains("-CursorVariable names another", e.Message);
    }

    [Fact]
    public async Task First_without_a_paging_variable_reads_one_page_cut_to_First()
    {
        Answer(Relay(1, 3, "c1"));

        var pages = await Pager("{ nodeArticles(first: 10) { nodes { title } } }", Nodes, new PagingScope(first: 2)).ReadAllAsync();

        Assert.Equal(new[] { "A1", "A2" }, Titles(pages));
        Assert.Single(_sent);
    }

    [Fact]
    public void The_named_operations_variables_decide_how_to_page()
    {
        const string document = "query Plain { nodeArticles(first: 2) { nodes { title } } } query Paged($after: Cursor) { nodeArticles(first: 2, after: $after) { nodes { title } } }";

        Assert.NotNull(Pager(document, Nodes, All, operationName: "Paged"));
        DrupalAssert.Fails("PagingVariableMissing", () => Pager(document, Nodes, All, operationName: "Plain"));
    }

    [Fact]
    public async Task Offset_paging_advances_by_limit_and_stops_at_a_short_page()
    {
        Answer(Offset(1, 2), Offset(3, 4), Offset(5, 5));

        var pages = await Pager(OffsetQuery, Items, All, new Hashtable { ["limit"] = 2 }).ReadAllAsync(_log);

        Assert.Equal(new[] { "ARTICLE 1", "ARTICLE 2", "ARTICLE 3", "ARTICLE 4", "ARTICLE 5" }, Titles(pages));
        Assert.Equal(new object?[] { 0L, 2L, 4L }, Sent("offset"));
        Assert.Equal(new object?[] { 2, 2, 2 }, Sent("limit"));
        Assert.Contains(_log.Lines, l => l.EndsWith("Page 1: 2 items; next at offset 2.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offset_paging_stops_at_the_total_even_after_a_full_page()
    {
        Answer(Offset(1, 2, total: 4), Offset(3, 4, total: 4));
        var pager = Pager(OffsetQuery, Items, All, new Hashtable { ["limit"] = 2 });

        var pages = await pager.ReadAllAsync();

        Assert.Equal(2, pages.Count);
        Assert.Equal(4L, pager.TotalCount);
    }

    [Fact]
    public async Task Drupal_GraphQL_3s_count_is_the_total_too()
    {
        Answer(
            "{\"data\":{\"nodeQuery\":{\"count\":3,\"entities\":[{\"title\":\"N1\"},{\"title\":\"N2\"}]}}}",
            "{\"data\":{\"nodeQuery\":{\"count\":3,\"entities\":[{\"title\":\"N3\"}]}}}");
        var pager = Pager("query ($offset: Int) { nodeQuery(offset: $offset, limit: 10) { count entities { ... on NodeArticle { title } } } }", "nodeQuery.entities", All);

        var pages = await pager.ReadAllAsync();

        Assert.Equal(new[] { "N1", "N2", "N3" }, Titles(pages));
        Assert.Equal(3L, pager.TotalCount);
        Assert.Equal(new object?[] { 0L, 2L }, Sent("offset"));
    }

    [Fact]
    public async Task Without_a_limit_variable_the_offset_advances_by_the_pages_items_until_an_empty_page()
    {
        Answer(Offset(1, 3, total: null), Offset(4, 6, total: null), Offset(0, -1, total: null));

        var pages = await Pager(OffsetQuery, Items, All).ReadAllAsync();

        Assert.Equal(6, pages.Items().Count);
        Assert.Equal(new object?[] { 0L, 3L, 6L }, Sent("offset"));
    }

    [Fact]
    public async Task Offset_paging_starts_at_an_offset_the_caller_gave()
    {
        Answer(Offset(11, 12), Offset(13, 13));

        await Pager(OffsetQuery, Items, All, new Hashtable { ["offset"] = 10, ["limit"] = 2 }).ReadAllAsync();

        Assert.Equal(new object?[] { 10L, 12L }, Sent("offset"));
    }

    [Fact]
    public async Task First_with_offset_paging_stops_requesting_once_it_has_enough()
    {
        Answer(Offset(1, 2), Offset(3, 4), Offset(5, 6));

        var pages = await Pager(OffsetQuery, Items, new PagingScope(first: 3), new Hashtable { ["limit"] = 2 }).ReadAllAsync();

        Assert.Equal(new[] { "ARTICLE 1", "ARTICLE 2", "ARTICLE 3" }, Titles(pages));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task Skip_with_offset_paging_leaves_out_the_first_items()
    {
        Answer(Offset(1, 2), Offset(3, 4), Offset(5, 5));

        var pages = await Pager(OffsetQuery, Items, new PagingScope(all: true, skip: 3), new Hashtable { ["limit"] = 2 }).ReadAllAsync();

        Assert.Equal(new[] { "ARTICLE 4", "ARTICLE 5" }, Titles(pages));
    }

    [Fact]
    public void The_description_names_the_path_and_the_endpoint_and_the_read_ends_without_warnings()
    {
        var pager = Pager(OffsetQuery, Items, All);

        Assert.Equal($"{Items} from {HttpResults.GraphQLUri}", pager.Description);
        Assert.Empty(pager.Finish());
    }

    [Fact]
    public async Task Through_a_connection_each_page_posts_the_next_cursor_with_the_token()
    {
        _drupal = new FakeDrupal();
        var connection = await _drupal.OpenAsync(_drupal.Settings());
        var pager = connection.PageGraphQL(new GraphQLRequest(RelayQuery), Nodes, cursorVariable: null, All, raw: false);
        _drupal.GraphQLAnswer = Relay(1, 2, "eyJiYWNr");
        var first = await pager.NextPageAsync(_log, CancellationToken.None);
        _drupal.GraphQLAnswer = Relay(3, 3, null);

        var second = await pager.NextPageAsync(_log, CancellationToken.None);

        Assert.Equal(2, first!.Items.Count);
        Assert.Single(second!.Items);
        Assert.Null(await pager.NextPageAsync(_log, CancellationToken.None));
        var posted = _drupal.GraphQLRequests;
        Assert.Equal(2, posted.Count);
        Assert.Contains("\"variables\":{}", posted[0].BodyText);
        Assert.Contains("\"variables\":{\"after\":\"eyJiYWNr\"}", posted[1].BodyText);
        Assert.All(posted, r => Assert.Equal("Bearer drupal-token-1", r.Header("Authorization")));
    }

    /// <summary>A graphql_compose connection page of articles A<paramref name="from"/> to A<paramref name="to"/>; no cursor means the last page.</summary>
    private static string Relay(int from, int to, string? endCursor) =>
        "{\"data\":{\"nodeArticles\":{\"nodes\":[" + string.Join(",", Enumerable.Range(from, to - from + 1).Select(i => $"{{\"title\":\"A{i}\"}}")) + "],"
        + $"\"pageInfo\":{{\"hasNextPage\":{(endCursor != null ? "true" : "false")},\"endCursor\":{(endCursor == null ? "null" : "\"" + endCursor + "\"")}}}}}}}}}";

    /// <summary>A page of the 4.x example schema's articles <paramref name="from"/> to <paramref name="to"/>, out of <paramref name="total"/>.</summary>
    private static string Offset(int from, int to, int? total = 25) =>
        "{\"data\":{\"articles\":{" + (total == null ? string.Empty : $"\"total\":{total},") + "\"items\":["
        + string.Join(",", Enumerable.Range(from, Math.Max(0, to - from + 1)).Select(i => $"{{\"id\":{i},\"title\":\"ARTICLE {i}\"}}")) + "]}}}";

    private void Answer(params string[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    private GraphQLPager Pager(string query, string? expandPath, PagingScope scope, IDictionary? variables = null, string? cursorVariable = null, bool raw = false, string? operationName = null) =>
        new(Invoke, HttpResults.GraphQLUri, new GraphQLRequest(query, variables, operationName), expandPath, cursorVariable, scope, raw);

    private Task<GraphQLResponse> Invoke(GraphQLRequest request, IDrupalLog log, CancellationToken cancellationToken)
    {
        _sent.Add(request.Variables!);
        Assert.True(_answers.Count > 0, $"Request {_sent.Count} was one more than the test expected.");
        return Task.FromResult(GraphQLClient.Parse(HttpResults.Json(200, _answers.Dequeue(), HttpResults.GraphQLUri)));
    }

    /// <summary>What each request sent as the variable <paramref name="name"/>, "(none)" where it sent none.</summary>
    private object?[] Sent(string name) => _sent.Select(v => v.Contains(name) ? v[name] : "(none)").ToArray();

    private static string[] Titles(IEnumerable<ResultPage> pages) =>
        pages.Items().Select(i => (string)((PSObject)i!).Properties["title"].Value).ToArray();
}
