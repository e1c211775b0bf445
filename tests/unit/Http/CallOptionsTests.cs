using DrupalOAuth.Diagnostics;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class CallOptionsTests
{
    private readonly List<TimeSpan> _waits = new();

    [Fact]
    public void None_changes_nothing_of_the_connection()
    {
        var connection = new RetryPolicy(3, TimeSpan.FromSeconds(1));

        Assert.Same(connection, CallOptions.None.RetryOr(connection));
        Assert.Equal(TimeSpan.FromSeconds(100), CallOptions.None.TimeoutOr(TimeSpan.FromSeconds(100)));
    }

    [Fact]
    public void A_value_given_replaces_the_connections_and_one_left_out_keeps_it()
    {
        var retry = new CallOptions(maximumRetryCount: 0).RetryOr(new RetryPolicy(3, TimeSpan.FromSeconds(2)));

        Assert.Equal(0, retry.MaximumRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(2), retry.RetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), new CallOptions(timeoutSec: 7).TimeoutOr(TimeSpan.FromSeconds(100)));
        Assert.Equal(TimeSpan.FromSeconds(5), new CallOptions(retryIntervalSec: 5).RetryOr(new RetryPolicy(3, TimeSpan.FromSeconds(2))).RetryInterval);
    }

    [Fact]
    public async Task A_calls_retry_count_is_honoured_where_the_connection_retries_none()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(503, "{}"));

        var result = await Send(Pipeline(maximumRetryCount: 0), server, new CallOptions(maximumRetryCount: 2));

        Assert.Equal(503, result.StatusCode);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, result.Retries);
    }

    [Fact]
    public async Task A_call_can_retry_less_than_its_connection()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(503, "{}"));

        await Send(Pipeline(maximumRetryCount: 3), server, new CallOptions(maximumRetryCount: 0));

        Assert.Single(server.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task Without_call_options_the_connections_retries_apply()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(503, "{}"));

        await Send(Pipeline(maximumRetryCount: 2), server, CallOptions.None);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, _waits);
    }

    [Fact]
    public async Task A_calls_retry_interval_is_the_first_backoff_and_doubles()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(502, "{}"));

        await Send(Pipeline(maximumRetryCount: 2), server, new CallOptions(retryIntervalSec: 4));

        Assert.Equal(new[] { TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8) }, _waits);
    }

    [Fact]
    public async Task A_calls_timeout_bounds_each_attempt_where_the_connections_is_longer()
    {
        using var server = new LocalHttpServer(x => x.StallAfterHeadersAsync());

        var e = await DrupalAssert.FailsAsync("Timeout", () => Send(Pipeline(maximumRetryCount: 0, timeout: TimeSpan.FromSeconds(30)), server, new CallOptions(timeoutSec: 1)));

        Assert.Contains("did not complete within 1 seconds", e.Message);
    }

    /// <summary>A connection's pipeline whose backoffs are exact (1 s, 2 s, ...) and recorded instead of slept.</summary>
    private HttpPipeline Pipeline(int maximumRetryCount, TimeSpan? timeout = null) =>
        new(
            timeout ?? TimeSpan.FromSeconds(10),
            retry: new RetryPolicy(maximumRetryCount, TimeSpan.FromSeconds(1), random: () => 1.0),
            delay: (wait, _) =>
            {
                _waits.Add(wait);
                return Task.CompletedTask;
            });

    private static async Task<HttpResult> Send(HttpPipeline pipeline, LocalHttpServer server, CallOptions options)
    {
        using (pipeline)
        {
            return await pipeline.SendAsync(new OutgoingRequest(HttpMethod.Get, server.Url("/jsonapi"), options: options), NullLog.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
