using DrupalOAuth.Http;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Throttling;
using Xunit;

namespace DrupalOAuth.Tests.Throttling;

/// <summary>Get-DrupalEntity's pages in flight go through the call's adaptive limit.</summary>
public sealed class LimitedPagerTests : IDisposable
{
    private readonly FakeJsonApi _jsonApi = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _jsonApi.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Every_page_takes_a_slot_and_gives_it_back_and_the_items_written_are_counted(int pagesAtOnce)
    {
        for (var page = 0; page < 5; page++)
        {
            _jsonApi.Page((ulong)(page * 2), new[] { (page * 2) + 1, (page * 2) + 2 }, next: page < 4 ? (ulong)((page + 1) * 2) : null);
        }

        var limit = new AdaptiveLimit(pagesAtOnce);
        var connection = await _jsonApi.OpenAsync(_log);

        var pages = await connection.PageEntities(new EntityQuery("node", "article"), new PagingScope(all: true), raw: false, new CallOptions(limit: limit), pagesAtOnce).ReadAllAsync(_log);

        Assert.Equal(10, pages.Sum(p => p.Items.Count));
        Assert.Equal(10, limit.Completed);

        // Pages fetched ahead past the last one are cancelled, and give their slots back as they stop.
        for (var waited = 0; limit.InFlight > 0 && waited < 5000; waited += 20)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, limit.InFlight);
    }
}
