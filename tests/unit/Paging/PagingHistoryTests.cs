using DrupalOAuth.Paging;
using Xunit;

namespace DrupalOAuth.Tests.Paging;

public sealed class PagingHistoryTests
{
    [Fact]
    public void A_page_is_new_only_the_first_time_it_is_asked_for()
    {
        var history = new PagingHistory();

        Assert.True(history.Ask("/jsonapi/node/article?page[offset]=0"));
        Assert.True(history.Ask("/jsonapi/node/article?page[offset]=2"));
        Assert.False(history.Ask("/jsonapi/node/article?page[offset]=0"));
    }

    [Fact]
    public void Items_are_admitted_once_by_identity_and_items_without_one_always()
    {
        var history = new PagingHistory();
        var uuid = "a0000001-d7a1-4c3e-9f00-000000000001";

        Assert.Equal(new[] { true, true, true }, history.Admit(new[] { uuid, "17", null }));
        Assert.Equal(new[] { false, true, false, true }, history.Admit(new[] { uuid.ToUpperInvariant(), "18", "17", null }));
    }

    [Fact]
    public void A_page_with_the_same_items_in_the_same_order_was_answered_before()
    {
        var history = new PagingHistory();

        Assert.True(history.Answered(new[] { "a", "b" }));
        Assert.True(history.Answered(new[] { "b", "a" }));
        Assert.True(history.Answered(new[] { "ab" }));
        Assert.False(history.Answered(new[] { "a", "b" }));
    }

    [Fact]
    public void A_million_resources_are_kept_in_bounded_memory()
    {
        var history = new PagingHistory();
        var page = new string[50];
        long allocated = 0;

        for (var number = 0; number < 1_000_000; number += page.Length)
        {
            for (var i = 0; i < page.Length; i++)
            {
                page[i] = new Guid(number + i, 0, 0, new byte[8]).ToString();
            }

            // Counted on this thread around Admit alone, so other tests running meanwhile do not count; what is
            // allocated bounds what is held from above.
            var before = GC.GetAllocatedBytesForCurrentThread();
            history.Admit(page);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.InRange(allocated, 1, 96L * 1024 * 1024);
    }
}
