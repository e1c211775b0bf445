using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Incremental;

public sealed class KeysetReadTests : IDisposable
{
    private const long W = 1_700_000_000;

    private readonly KeysetSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Each_page_after_the_first_is_a_fresh_query_from_the_last_items_key_and_the_read_ends_without_a_next_link()
    {
        SaveAll((1, W), (2, W), (3, W + 1), (4, W + 2), (5, W + 2));

        var items = await ReadAsync();

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, items);
        Assert.Equal(3, _site.Reads.Count);
        Assert.DoesNotContain("page[offset]", _site.Reads[1].Keys);
        Assert.Equal(W.ToString(), _site.Reads[1]["filter[ks-c][condition][value]"]);
        Assert.Equal(JsonApiDocuments.ArticleId(2), _site.Reads[1]["filter[ks-i][condition][value]"]);
        Assert.Equal((W + 2).ToString(), _site.Reads[2]["filter[ks-after][condition][value]"]);
        Assert.Equal(JsonApiDocuments.ArticleId(4), _site.Reads[2]["filter[ks-i][condition][value]"]);
        Assert.All(_site.Reads, read => Assert.Equal("changed,id", read["sort"]));
        Assert.All(_site.Reads, read => Assert.Equal(W.ToString(), read["filter[changed-since][condition][value]"]));
    }

    [Fact]
    public async Task A_short_page_with_a_next_link_is_not_the_end()
    {
        SaveAll((1, W), (2, W), (3, W), (4, W), (5, W));
        _site.Hidden.Add(2);

        var items = await ReadAsync();

        Assert.Equal(new[] { 1, 3, 4, 5 }, items);
    }

    [Fact]
    public async Task A_page_whose_items_are_all_hidden_is_passed_by_its_next_link_and_the_read_goes_on_by_key()
    {
        SaveAll((1, W), (2, W), (3, W), (4, W), (5, W));
        _site.Hidden.UnionWith(new[] { 1, 2 });

        var items = await ReadAsync();

        Assert.Equal(new[] { 3, 4, 5 }, items);
        Assert.Equal("2", _site.Reads[1]["page[offset]"]);
        Assert.DoesNotContain("filter[ks-i][condition][value]", _site.Reads[1].Keys);
        Assert.DoesNotContain("page[offset]", _site.Reads[2].Keys);
        Assert.Equal(JsonApiDocuments.ArticleId(4), _site.Reads[2]["filter[ks-i][condition][value]"]);
    }

    [Fact]
    public async Task An_item_saved_or_deleted_during_the_read_shifts_nothing_and_the_saved_one_comes_again_at_the_end()
    {
        SaveAll((1, W), (2, W + 1), (3, W + 2), (4, W + 3), (5, W + 4), (6, W + 5));
        _site.BeforeRead = read =>
        {
            if (read == 2)
            {
                // By offset, page 2 would now begin at article 5: article 4 would never be read.
                _site.Save(1, W + 9);
                _site.Delete(3);
            }
        };

        var items = await ReadAsync();

        Assert.Equal(new[] { 1, 2, 4, 5, 6, 1 }, items);
    }

    [Fact]
    public async Task First_ends_the_read_by_key_at_that_many_items()
    {
        SaveAll((1, W), (2, W), (3, W), (4, W), (5, W));

        var items = await ReadAsync(new PagingScope(first: 3));

        Assert.Equal(new[] { 1, 2, 3 }, items);
        Assert.Equal(2, _site.Reads.Count);
    }

    [Fact]
    public async Task A_site_that_ignores_the_key_ends_the_read_with_an_error_not_an_endless_read()
    {
        SaveAll((1, W), (2, W), (3, W), (4, W), (5, W));
        _site.IgnoresKeys = true;

        var e = await Assert.ThrowsAsync<DrupalException>(() => ReadAsync());

        Assert.Equal(PagingHistory.LoopErrorId, e.ErrorId);
        Assert.Equal(2, _site.Reads.Count);
    }

    [Fact]
    public async Task Raw_documents_go_on_from_the_last_resource_of_each()
    {
        SaveAll((1, W), (2, W), (3, W));

        var pages = await ReadPagesAsync(new PagingScope(all: true), raw: true);

        Assert.Equal(2, pages.Count);
        Assert.Equal(JsonApiDocuments.ArticleId(2), _site.Reads[1]["filter[ks-i][condition][value]"]);
    }

    private void SaveAll(params (int Number, long Changed)[] articles)
    {
        foreach (var (number, changed) in articles)
        {
            _site.Save(number, changed);
        }
    }

    private async Task<int[]> ReadAsync(PagingScope? scope = null) =>
        (await ReadPagesAsync(scope ?? new PagingScope(all: true), raw: false))
            .SelectMany(page => page.Items)
            .Select(item => int.Parse(((string)((PSObject)item!).Properties["title"].Value).Split(' ')[1]))
            .ToArray();

    private async Task<List<ResultPage>> ReadPagesAsync(PagingScope scope, bool raw)
    {
        var connection = await _site.OpenAsync();
        var reader = connection.PageChanges(new EntityQuery("node--article", pageSize: 2), DateTimeOffset.FromUnixTimeSeconds(W), null, null, false, scope, raw);
        var pages = new List<ResultPage>();
        for (var page = await reader.NextPageAsync(new RecordingLog(), CancellationToken.None); page != null; page = await reader.NextPageAsync(new RecordingLog(), CancellationToken.None))
        {
            pages.Add(page);
        }

        reader.Finish();
        return pages;
    }
}
