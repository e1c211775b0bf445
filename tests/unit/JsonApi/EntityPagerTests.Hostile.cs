using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.Paging;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Support.JsonApiDocuments;

namespace DrupalOAuth.Tests.JsonApi;

/// <summary>Servers that send a read round in circles, elsewhere, or answer something that is not a page.</summary>
public sealed partial class EntityPagerTests
{
    [Fact]
    public async Task Next_links_from_A_to_B_and_back_to_A_end_with_PagingLoop_once_B_is_written()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 0);

        var (pages, e) = await ReadUntilError(All);

        Assert.Equal("PagingLoop", e.ErrorId);
        Assert.Equal(DrupalErrorCategory.InvalidResult, e.Category);
        Assert.Contains("leads back to a page already read", e.Message);
        Assert.Contains("never end", e.Message);
        Assert.Equal(new[] { "Article 1", "Article 2", "Article 3", "Article 4" }, Titles(pages));
        Assert.Equal(2, _jsonApi.Reads.Count);
    }

    [Fact]
    public async Task A_longer_cycle_A_B_C_B_ends_with_PagingLoop_without_asking_for_B_again()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 4);
        _jsonApi.Page(4, new[] { 5, 6 }, next: 2);

        var (pages, e) = await ReadUntilError(All);

        Assert.Equal("PagingLoop", e.ErrorId);
        Assert.Equal(6, pages.Items().Count);
        Assert.Equal(3, _jsonApi.Reads.Count);
    }

    [Theory]
    [InlineData("&_cache=1", "an unrelated parameter added")]
    [InlineData("&filter%5Bstatus%5D=1", "another filter")]
    [InlineData("reversed", "the parameters in another order")]
    public async Task A_link_back_that_differs_only_outside_the_page_parameters_is_the_same_page(string change, string because)
    {
        var back = change == "reversed"
            ? _jsonApi.NextLink(0).Split('?')[0] + "?page%5Blimit%5D=2&page%5Boffset%5D=0"
            : _jsonApi.NextLink(0) + change;
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, Collection(new[] { Article(3) }, next: back));

        var (_, e) = await ReadUntilError(All);

        Assert.True(e.ErrorId == "PagingLoop", because);
        Assert.Equal(2, _jsonApi.Reads.Count);
    }

    [Fact]
    public async Task A_cycle_read_four_pages_at_once_ends_with_PagingLoop_and_writes_no_page_fetched_ahead()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 3, 4 }, next: 0);
        for (var offset = 4; offset <= 20; offset += 2)
        {
            _jsonApi.Page((ulong)offset, new[] { offset + 1, offset + 2 }, next: (ulong)offset + 2);
        }

        var (pages, e) = await ReadUntilError(All, pagesAtOnce: 4);

        Assert.Equal("PagingLoop", e.ErrorId);
        Assert.Equal(new[] { "Article 1", "Article 2", "Article 3", "Article 4" }, Titles(pages));
        Assert.InRange(_jsonApi.Reads.Count, 2, 5);
    }

    [Fact]
    public async Task A_resource_on_two_pages_is_written_once_with_a_warning()
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, new[] { 2, 3 }, next: 4);
        _jsonApi.Page(4, new[] { 4 });

        var pages = await Read(Articles(), All);

        Assert.Equal(new[] { "Article 1", "Article 2", "Article 3", "Article 4" }, Titles(pages));
        Assert.Equal(new[] { 2L, 3L, 4L }, pages.Select(p => p.ItemsSoFar));
        Assert.Contains(pages[1].Warnings, w => w.Contains("held 1 node--article items already written (such as " + ArticleId(2) + ")"));
    }

    [Fact]
    public async Task Pages_that_ignore_the_offset_end_with_PagingLoop_at_the_first_repeat_and_it_is_not_written()
    {
        for (var offset = 0; offset <= 100; offset += 2)
        {
            _jsonApi.Page((ulong)offset, new[] { 1, 2 }, next: (ulong)offset + 2);
        }

        var (pages, e) = await ReadUntilError(All);

        Assert.Equal("PagingLoop", e.ErrorId);
        Assert.Contains("holds only node--article items already written, such as " + ArticleId(1), e.Message);
        Assert.Contains("Nothing of this page was written", e.Message);
        Assert.Equal(new[] { "Article 1", "Article 2" }, Titles(pages));
        Assert.Equal(2, _jsonApi.Reads.Count);
    }

    [Theory]
    [InlineData("/jsonapi/user/user", "another resource type")]
    [InlineData("/other/path", "outside JSON:API")]
    [InlineData("/es/jsonapi/node/article", "another language")]
    [InlineData("/jsonapi/node/article/" + "a0000001-d7a1-4c3e-9f00-000000000001", "one resource")]
    public async Task A_next_link_off_the_collections_route_is_refused_after_the_page_is_written(string path, string because)
    {
        var site = _jsonApi.Drupal.SiteUri;
        _jsonApi.Page(0, Collection(new[] { Article(1) }, next: new Uri(site, path.TrimStart('/')).AbsoluteUri + "?page%5Boffset%5D=2&page%5Blimit%5D=2"));

        var (pages, e) = await ReadUntilError(All);

        Assert.True(e.ErrorId == "NextLinkRefused", because);
        Assert.Equal(DrupalErrorCategory.InvalidResult, e.Category);
        Assert.Contains($"leads to {path}, not to the collection being read (/jsonapi/node/article)", e.Message);
        Assert.Equal(new[] { "Article 1" }, Titles(pages));
        Assert.Single(_jsonApi.Reads);
    }

    [Fact]
    public async Task A_bad_next_link_is_no_error_when_the_read_ends_before_it()
    {
        _jsonApi.Page(0, Collection(new[] { Article(1), Article(2) }, next: _jsonApi.NextLink(0).Replace("/node/article", "/user/user")));

        var onePage = await Read(Articles(), new PagingScope());
        var firstTwo = await Read(Articles(), new PagingScope(first: 2));

        Assert.Equal(2, onePage.Items().Count);
        Assert.Equal(2, firstTwo.Items().Count);
    }

    [Theory]
    [InlineData("{\"message\":\"Service busy\"}", "a JSON object with no 'data' member (it has message) that says 'Service busy'")]
    [InlineData("{\"jsonapi\":{\"version\":\"1.0\"},\"data\":null,\"links\":{}}", "a document whose 'data' is null")]
    [InlineData("{\"jsonapi\":{\"version\":\"1.0\"},\"links\":{}}", "a JSON object with no 'data' member (it has jsonapi, links)")]
    [InlineData("{\"data\":{\"type\":\"node--article\",\"id\":\"x\"}}", "a document whose 'data' is an object")]
    public async Task A_page_that_is_not_a_collection_document_is_InvalidResponse_never_the_end(string body, string described)
    {
        _jsonApi.Page(0, new[] { 1, 2 }, next: 2);
        _jsonApi.Page(2, body);

        var (pages, e) = await ReadUntilError(All);

        Assert.Equal("InvalidResponse", e.ErrorId);
        Assert.Contains("answered 200 OK with " + described + ", which is not a page of a JSON:API collection", e.Message);
        Assert.Contains("page%5Boffset%5D=2", e.Message);
        Assert.Equal(2, pages.Items().Count);
    }

    /// <summary>Reads until the pager fails, as a cmdlet writes the pages before the error.</summary>
    private async Task<(List<ResultPage> Pages, DrupalException Error)> ReadUntilError(PagingScope scope, int pagesAtOnce = 1)
    {
        var pager = await Pager(Articles(), scope, pagesAtOnce: pagesAtOnce);
        var pages = new List<ResultPage>();
        for (var call = 0; call < 100; call++)
        {
            try
            {
                if (await pager.NextPageAsync(_log, CancellationToken.None) is not { } page)
                {
                    break;
                }

                pages.Add(page);
            }
            catch (DrupalException e)
            {
                return (pages, e);
            }
        }

        throw new Xunit.Sdk.XunitException($"The read ended after {pages.Count} pages without an error.");
    }
}
