using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.GraphQL;

/// <summary>Queries whose field does not use the variable that moves the read on.</summary>
public sealed partial class GraphQLPagerTests
{
    [Fact]
    public async Task An_end_cursor_that_does_not_advance_is_PagingLoop_naming_the_cursor_variable()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c1"));
        var pager = Pager(RelayQuery, Nodes, All);

        Assert.Equal(2, (await pager.NextPageAsync(_log, CancellationToken.None))!.Items.Count);
        var e = await DrupalAssert.FailsAsync("PagingLoop", () => pager.NextPageAsync(_log, CancellationToken.None));

        Assert.Contains("ends at cursor c1 with hasNextPage true, as a page before it did", e.Message);
        Assert.Contains("declares $after but the field may not use it", e.Message);
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task A_query_that_never_passes_after_to_the_field_is_PagingLoop_at_the_second_page()
    {
        Answer(Relay(1, 2, "c1"), Relay(1, 2, "c1"));

        var e = await DrupalAssert.FailsAsync("PagingLoop", () => Pager(RelayQuery, Nodes, All).ReadAllAsync(_log));

        Assert.Contains("declares $after but the field may not use it", e.Message);
        Assert.Contains("nodeArticles(first: 100, after: $after)", e.Message);
    }

    [Fact]
    public async Task A_cursor_that_comes_back_after_another_is_PagingLoop_too()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 6, "c1"));

        var e = await DrupalAssert.FailsAsync("PagingLoop", () => Pager("query ($cursor: Cursor) { nodeArticles(first: 2, after: $cursor) { nodes { title } pageInfo { hasNextPage endCursor } } }", Nodes, All, cursorVariable: "cursor").ReadAllAsync(_log));

        Assert.Contains("declares $cursor but the field may not use it", e.Message);
        Assert.Equal(3, _sent.Count);
    }

    [Fact]
    public async Task Offset_pages_that_ignore_offset_are_PagingLoop_at_the_first_repeat()
    {
        Answer(Offset(1, 2, total: null), Offset(1, 2, total: null));

        var e = await DrupalAssert.FailsAsync("PagingLoop", () => Pager(OffsetQuery, Items, All, new System.Collections.Hashtable { ["limit"] = 2 }).ReadAllAsync(_log));

        Assert.Contains("has the same 2 items as a page before it, although $offset moved on", e.Message);
        Assert.Contains("articles(offset: $offset, limit: $limit)", e.Message);
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task Items_without_an_id_are_told_apart_by_their_content()
    {
        Answer(Relay(1, 2, "c1"), Relay(3, 4, "c2"), Relay(5, 5, null));

        var pages = await Pager(RelayQuery, Nodes, All).ReadAllAsync(_log);

        Assert.Equal(5, pages.Items().Count);
    }
}
