using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Throttling;
using Xunit;

namespace DrupalOAuth.Tests.Throttling;

public sealed class AdaptiveLimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly RecordingLog _log = new();

    [Fact]
    public void It_starts_at_the_maximum()
    {
        var limit = new AdaptiveLimit(8);

        Assert.Equal(8, limit.Maximum);
        Assert.Equal(8, limit.Current);
        Assert.Equal(0, limit.InFlight);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void A_maximum_outside_1_to_16_is_refused(int maximum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLimit(maximum));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void A_429_or_503_halves_it_and_says_so(int status)
    {
        var limit = new AdaptiveLimit(8);

        Report(limit, status);

        Assert.Equal(4, limit.Current);
        Assert.Contains($"VERBOSE: Drupal answered {status}: 8 requests at once are now 4.", _log.Lines);
    }

    [Fact]
    public void A_503_with_Retry_After_halves_it_too()
    {
        var limit = new AdaptiveLimit(8);

        limit.Report(HttpResults.Make(503, string.Empty, null, retryAfter: TimeSpan.FromSeconds(5)), null, _log, limit.Generation);

        Assert.Equal(4, limit.Current);
    }

    [Fact]
    public void The_answers_of_a_crowd_sent_before_the_cut_halve_it_once()
    {
        var limit = new AdaptiveLimit(8);
        var sentIn = limit.Generation;

        for (var i = 0; i < 8; i++)
        {
            limit.Report(HttpResults.Make(429, string.Empty, null), null, _log, sentIn);
        }

        Assert.Equal(4, limit.Current);

        // A request sent after the cut that still meets a 429: the site is still too busy.
        Report(limit, 429);
        Assert.Equal(2, limit.Current);
    }

    [Fact]
    public void It_never_goes_below_one()
    {
        var limit = new AdaptiveLimit(2);

        Report(limit, 429);
        Report(limit, 429);
        Report(limit, 503);

        Assert.Equal(1, limit.Current);
        Assert.Single(_log.Lines);
    }

    [Fact]
    public void Each_run_of_Current_successes_opens_one_more_slot_up_to_the_maximum()
    {
        var limit = new AdaptiveLimit(4);
        Report(limit, 429);
        Report(limit, 429);
        Assert.Equal(1, limit.Current);

        Report(limit, 200);
        Assert.Equal(2, limit.Current);
        Report(limit, 201);
        Assert.Equal(2, limit.Current);
        Report(limit, 404);
        Assert.Equal(3, limit.Current);
        Report(limit, 200, 3);
        Assert.Equal(4, limit.Current);
        Report(limit, 200, 20);
        Assert.Equal(4, limit.Current);
        Assert.Contains("VERBOSE: Drupal answered 3 requests in a row without a 429, 503 or failure: now 4 at once.", _log.Lines);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public void A_429_or_5xx_starts_the_run_of_successes_again(int status)
    {
        var limit = new AdaptiveLimit(8);
        Report(limit, 429);
        Report(limit, 200, 3);

        Report(limit, status);
        Report(limit, 200, 3);

        // Without the restart, 4 would have grown to 5 (and 2 to 3 then 4): a 500 keeps 4, a 429 halves it to 2, then 2 successes open a third slot.
        Assert.Equal(status == 429 ? 3 : 4, limit.Current);
    }

    [Fact]
    public void Ten_5xx_in_a_row_break_it_naming_the_last_answer_and_the_items_done()
    {
        var limit = new AdaptiveLimit(4);
        limit.AddCompleted(120);
        Report(limit, 500, 5);
        Report(limit, 502, 4);

        var broken = Assert.Throws<DrupalException>(() => Report(limit, 500));

        Assert.Equal("SiteFailing", broken.ErrorId);
        Assert.Equal(DrupalErrorCategory.ResourceUnavailable, broken.Category);
        Assert.StartsWith("Drupal failed 10 requests in a row (the last: 500 Internal Server Error). Stopped so as not to hammer a failing site; 120 items were done.", broken.Message);
        var refused = Assert.Throws<DrupalException>(() => limit.EnterAsync(CancellationToken.None).GetAwaiter().GetResult());
        Assert.Equal("SiteFailing", refused.ErrorId);
    }

    [Fact]
    public void Lost_connections_count_as_5xx()
    {
        var limit = new AdaptiveLimit(4);
        var lost = new DrupalException("ConnectionLost", DrupalErrorCategory.ConnectionError, "The connection to drupal.example.com was lost.");
        for (var i = 0; i < 9; i++)
        {
            limit.Report(null, lost, _log, limit.Generation);
        }

        var broken = Assert.Throws<DrupalException>(() => limit.Report(null, lost, _log, limit.Generation));
        Assert.Contains("(the last: The connection to drupal.example.com was lost.)", broken.Message);
    }

    [Fact]
    public void A_success_starts_the_count_of_5xx_again()
    {
        var limit = new AdaptiveLimit(4);
        Report(limit, 500, 9);
        Report(limit, 200);
        Report(limit, 500, 9);

        Assert.Equal(1, SlotTaken(limit));
    }

    [Fact]
    public void A_503_with_Retry_After_does_not_count_toward_the_breaker()
    {
        var limit = new AdaptiveLimit(4);
        Report(limit, 500, 9);
        for (var i = 0; i < 20; i++)
        {
            limit.Report(HttpResults.Make(503, string.Empty, null, retryAfter: TimeSpan.FromSeconds(5)), null, _log, limit.Generation);
        }

        Assert.Equal(1, SlotTaken(limit));
        Assert.Throws<DrupalException>(() => Report(limit, 503));
    }

    [Fact]
    public void A_success_after_the_break_is_still_a_success()
    {
        var limit = new AdaptiveLimit(4);
        Assert.Throws<DrupalException>(() => Report(limit, 500, 10));

        Report(limit, 200);
    }

    [Fact]
    public async Task EnterAsync_waits_while_every_open_slot_is_taken_and_wakes_when_one_is_given_back()
    {
        var limit = new AdaptiveLimit(2);
        var first = await limit.EnterAsync(CancellationToken.None);
        var second = await limit.EnterAsync(CancellationToken.None);

        var third = limit.EnterAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, limit.InFlight);

        first.Dispose();
        first.Dispose();
        using (await third.WaitAsync(Wait))
        {
            Assert.Equal(2, limit.InFlight);
        }

        second.Dispose();
        Assert.Equal(0, limit.InFlight);
    }

    [Fact]
    public async Task After_a_cut_the_slots_given_back_open_only_as_many_as_Current()
    {
        var limit = new AdaptiveLimit(4);
        var slots = new List<IDisposable>();
        for (var i = 0; i < 4; i++)
        {
            slots.Add(await limit.EnterAsync(CancellationToken.None));
        }

        Report(limit, 429);
        Report(limit, 429);
        var waiting = limit.EnterAsync(CancellationToken.None);
        slots[0].Dispose();
        slots[1].Dispose();
        slots[2].Dispose();
        Assert.False(waiting.IsCompleted);

        slots[3].Dispose();
        using (await waiting.WaitAsync(Wait))
        {
            Assert.Equal(1, limit.InFlight);
        }
    }

    [Fact]
    public async Task Growing_wakes_a_waiter()
    {
        var limit = new AdaptiveLimit(2);
        Report(limit, 429);
        using var held = await limit.EnterAsync(CancellationToken.None);
        var waiting = limit.EnterAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        Report(limit, 200);

        using (await waiting.WaitAsync(Wait))
        {
            Assert.Equal(2, limit.InFlight);
        }
    }

    [Fact]
    public async Task Cancelling_a_waiting_EnterAsync_takes_it_out_of_the_queue()
    {
        var limit = new AdaptiveLimit(1);
        var held = await limit.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = limit.EnterAsync(cancel.Token);
        var next = limit.EnterAsync(CancellationToken.None);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Wait));
        held.Dispose();
        using (await next.WaitAsync(Wait))
        {
            Assert.Equal(1, limit.InFlight);
        }

        Assert.Equal(0, limit.InFlight);
    }

    [Fact]
    public async Task EnterAsync_with_a_cancelled_token_takes_no_slot()
    {
        var limit = new AdaptiveLimit(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limit.EnterAsync(new CancellationToken(true)));
        Assert.Equal(0, limit.InFlight);
    }

    [Fact]
    public async Task Breaking_fails_the_waiters()
    {
        var limit = new AdaptiveLimit(1);
        using var held = await limit.EnterAsync(CancellationToken.None);
        var waiting = limit.EnterAsync(CancellationToken.None);

        Assert.Throws<DrupalException>(() => Report(limit, 500, 10));

        var refused = await Assert.ThrowsAsync<DrupalException>(() => waiting.WaitAsync(Wait));
        Assert.Equal("SiteFailing", refused.ErrorId);
    }

    [Fact]
    public async Task Many_callers_at_once_never_exceed_Current()
    {
        var limit = new AdaptiveLimit(4);
        var peak = 0;
        var inside = 0;
        var callers = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            using (await limit.EnterAsync(CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref peak, now);
                await Task.Delay(1);
                Interlocked.Decrement(ref inside);
                limit.Report(HttpResults.Make(i % 7 == 0 ? 429 : 200, string.Empty, null), null, _log, limit.Generation);
            }
        }));

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.InRange(peak, 1, 4);
        Assert.Equal(0, limit.InFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Whether the limit still gives slots (1), i.e. it is not broken.</summary>
    private static int SlotTaken(AdaptiveLimit limit)
    {
        using (limit.EnterAsync(CancellationToken.None).GetAwaiter().GetResult())
        {
            return 1;
        }
    }

    private void Report(AdaptiveLimit limit, int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            limit.Report(HttpResults.Make(status, string.Empty, null), null, _log, limit.Generation);
        }
    }
}
