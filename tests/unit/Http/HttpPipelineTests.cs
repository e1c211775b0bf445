using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class HttpPipelineTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_the_status_the_body_the_content_type_and_the_challenge()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(
            401,
            "{\"message\":\"denied\"}",
            "application/json; charset=utf-8",
            ("WWW-Authenticate", "Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"Access token could not be verified\"")));
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10));

        var result = await Get(pipeline, server.Url("/jsonapi/node/article"));

        Assert.Equal(401, result.StatusCode);
        Assert.Equal("401 Unauthorized", result.Status);
        Assert.False(result.IsSuccess);
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal("{\"message\":\"denied\"}", System.Text.Encoding.UTF8.GetString(result.Body));
        Assert.Contains("Access token could not be verified", result.WwwAuthenticate);
        Assert.Equal(HttpMethod.Get, result.Method);
        Assert.Equal(server.Url("/jsonapi/node/article"), result.RequestUri);
    }

    [Fact]
    public async Task Sends_the_request_as_given_with_its_own_user_agent()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10));
        var request = new HttpRequestMessage(HttpMethod.Post, server.Url("/graphql")) { Content = new StringContent("{\"query\":\"{ a }\"}") };

        await pipeline.SendAsync(request, NullLog.Instance, CancellationToken.None);

        var received = Assert.Single(server.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/graphql", received.Target);
        Assert.Equal("{\"query\":\"{ a }\"}", received.BodyText);
        Assert.StartsWith("DrupalOAuth/", received.Header("User-Agent"));
    }

    [Fact]
    public async Task Logs_the_request_and_its_outcome()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10));
        var log = new RecordingLog();

        await Get(pipeline, server.Url("/a"), log);

        Assert.Contains(log.Lines, line => line.Contains("GET " + server.Url("/a")) && line.Contains("200 OK"));
    }

    [Fact]
    public async Task A_server_that_stalls_after_the_headers_is_cut_off_at_the_timeout()
    {
        var e = await FailsAgainst("Timeout", x => x.StallAfterHeadersAsync(), timeoutSec: 1);

        Assert.Equal(DrupalErrorCategory.OperationTimeout, e.Category);
        Assert.Contains("GET " + e.Target, e.Message);
        Assert.Contains("within 1 seconds", e.Message);
        Assert.Contains("-TimeoutSec", e.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_cut_off_at_the_timeout()
    {
        await FailsAgainst("Timeout", x => x.StallAsync(), timeoutSec: 1);
    }

    [Fact]
    public async Task A_refused_connection_fails_naming_the_host()
    {
        var uri = new Uri($"http://127.0.0.1:{LocalHttpServer.ClosedPort()}/oauth/token");
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(5));

        var e = await DrupalAssert.FailsAsync("ConnectionFailed", () => Get(pipeline, uri));

        Assert.Equal(DrupalErrorCategory.ConnectionError, e.Category);
        Assert.Contains("Could not reach 127.0.0.1", e.Message);
        Assert.Equal(uri, e.Target);
    }

    [Fact]
    public async Task A_connection_dropped_without_an_answer_fails_naming_the_host()
    {
        var e = await FailsAgainst("ConnectionFailed", x =>
        {
            x.Abort();
            return Task.CompletedTask;
        });

        Assert.Contains("127.0.0.1", e.Message);
    }

    [Fact]
    public async Task A_body_cut_short_fails_naming_the_host()
    {
        var e = await FailsAgainst("ConnectionFailed", async x =>
        {
            await x.WriteRawAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":");
            x.Abort();
        });

        Assert.Contains("The connection to 127.0.0.1 broke", e.Message);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_before_the_headers_is_a_cancellation_not_a_timeout()
    {
        using var server = new LocalHttpServer(x => x.StallAsync());
        await AssertCallerCancellation(server);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_while_reading_the_body_is_a_cancellation_not_a_timeout()
    {
        using var server = new LocalHttpServer(x => x.StallAfterHeadersAsync());
        await AssertCallerCancellation(server);
    }

    private static async Task AssertCallerCancellation(LocalHttpServer server)
    {
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Get(pipeline, server.Url("/"), cancellationToken: cancellation.Token));
    }

    private static async Task<DrupalException> FailsAgainst(string errorId, Func<HttpExchange, Task> serverBehaviour, double timeoutSec = 5)
    {
        using var server = new LocalHttpServer(serverBehaviour);
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(timeoutSec));
        return await DrupalAssert.FailsAsync(errorId, () => Get(pipeline, server.Url("/graphql")));
    }

    private static Task<HttpResult> Get(HttpPipeline pipeline, Uri uri, IDrupalLog? log = null, CancellationToken cancellationToken = default) =>
        pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), log ?? NullLog.Instance, cancellationToken).WaitAsync(NoHang);
}
