using DrupalOAuth.Diagnostics;
using DrupalOAuth.Paging;

namespace DrupalOAuth.Tests.Support;

/// <summary>Reads a pager the way a cmdlet does: page after page until it says it is done.</summary>
public static class Pages
{
    public static async Task<IReadOnlyList<ResultPage>> ReadAllAsync(this IResultPager pager, IDrupalLog? log = null)
    {
        var pages = new List<ResultPage>();
        while (await pager.NextPageAsync(log ?? NullLog.Instance, CancellationToken.None) is { } page)
        {
            pages.Add(page);
        }

        return pages;
    }

    public static IReadOnlyList<object?> Items(this IEnumerable<ResultPage> pages) => pages.SelectMany(p => p.Items).ToList();
}
