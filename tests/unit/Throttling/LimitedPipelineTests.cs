using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Throttling;
using Xunit;

namespace DrupalOAuth.Tests.Throttling;

/// <summary>The HTTP pipeline tells a call's adaptive limit of every attempt.</summary>
public sealed class LimitedPipelineTests
{
    private readonly RecordingLog _log = new();

    [Fact]
    public async Task A_429_that_is_waited_out_backs_the_limit_off_once()
    {
        using var server = LocalHttpServer.FirstThen(
            x => x.RespondAsync(429, "{}", "application/json", ("Retry-After", "0")),
            x => x.RespondAsync(200, "{}"));
        var limit = new AdaptiveLimit(8);
        using var pipeline = Retrying(20);

        var result = await Send(pipeline, server.Url("/jsonapi"), limit);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(4, limit.Current);
        Assert.Contains("VERBOSE: Drupal answered 429: 8 requests at once are now 4.", _log.Lines);
    }

    [Fact]
    public async Task Ten_failures_in_a_row_stop_the_retries_with_SiteFailing()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(502, "{}"));
        var limit = new AdaptiveLimit(4);
        using var pipeline = Retrying(20);

        var e = await DrupalAssert.FailsAsync("SiteFailing", () => Send(pipeline, server.Url("/jsonapi"), limit));

        Assert.Contains("(the last: 502 Bad Gateway)", e.Message);
        Assert.Equal(10, server.Requests.Count);
    }

    private static HttpPipeline Retrying(int maximumRetryCount) =>
        new(TimeSpan.FromSeconds(10), HttpPipeline.CreateHandler(false), new RetryPolicy(maximumRetryCount, TimeSpan.Zero), (_, _) => Task.CompletedTask);

    private Task<HttpResult> Send(HttpPipeline pipeline, Uri uri, AdaptiveLimit limit) =>
        pipeline.SendAsync(new OutgoingRequest(HttpMethod.Get, uri, options: new CallOptions(limit: limit)), _log, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
}
