using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class HttpPipelineTests
{
    private const string Authorization = "Bearer secret-access-token";
    private const string Body = "{\"query\":\"{ a }\"}";

    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);

    private readonly List<TimeSpan> _waits = new();
    private readonly RecordingLog _log = new();

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
        var request = new OutgoingRequest(HttpMethod.Post, server.Url("/graphql"), () => new StringContent("{\"query\":\"{ a }\"}"));

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
        var e = await FailsAgainst("ConnectionLost", x =>
        {
            x.Abort();
            return Task.CompletedTask;
        });

        Assert.Contains("127.0.0.1", e.Message);
    }

    [Fact]
    public async Task A_body_cut_short_fails_naming_the_host()
    {
        var e = await FailsAgainst("ConnectionLost", x => x.CutShortAsync());

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

    [Fact]
    public async Task A_503_with_Retry_After_is_retried_after_exactly_that_wait_even_for_a_mutation()
    {
        using var server = LocalHttpServer.FirstThen(
            x => x.RespondAsync(503, "{}", "application/json", ("Retry-After", "2")),
            x => x.RespondAsync(200, "{\"data\":{}}"));

        var result = await Send(Retrying(), Post(server.Url("/graphql"), isIdempotent: false), _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, _waits);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(Body, r.BodyText));
    }

    [Fact]
    public async Task Retries_stop_at_the_maximum_count_and_the_last_answer_is_returned()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(429, "{\"message\":\"slow down\"}", "application/json", ("Retry-After", "1")));

        var result = await Send(Retrying(maximumRetryCount: 2), Get(server.Url("/graphql")), _log);

        Assert.Equal(429, result.StatusCode);
        Assert.Equal(2, result.Retries);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }, _waits);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Without_a_retry_policy_nothing_is_retried()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(503, "{}", "application/json", ("Retry-After", "1")));
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10));

        Assert.Equal(503, (await Get(pipeline, server.Url("/graphql"))).StatusCode);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_502_is_retried_for_a_request_safe_to_repeat(string method)
    {
        using var server = LocalHttpServer.FirstThen(x => x.RespondAsync(502, "<html></html>", "text/html"), x => x.RespondAsync(200, "{}"));
        var request = method == "GET" ? Get(server.Url("/graphql")) : Post(server.Url("/graphql"));

        var result = await Send(Retrying(), request, _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, _waits);
        Assert.Equal(new[] { method, method }, server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_502_is_returned_at_once_for_a_request_that_must_not_run_twice()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(502, "<html></html>", "text/html"));

        var result = await Send(Retrying(), Post(server.Url("/graphql"), isIdempotent: false), _log);

        Assert.Equal(502, result.StatusCode);
        Assert.Single(server.Requests);
        Assert.Empty(_waits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_broken_by_the_server_is_retried_for_a_request_safe_to_repeat(bool midBody)
    {
        using var server = LocalHttpServer.FirstThen(Broken(midBody), x => x.RespondAsync(200, "{\"data\":{}}"));

        var result = await Send(Retrying(), Post(server.Url("/graphql")), _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, _waits);
        Assert.Contains(_log.Lines, line => line.Contains("the connection broke; retry 1 of 3"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_broken_during_a_request_that_must_not_run_twice_is_ConnectionLost_after_one_attempt(bool midBody)
    {
        using var server = new LocalHttpServer(Broken(midBody));

        var e = await DrupalAssert.FailsAsync("ConnectionLost", () => Send(Retrying(), Post(server.Url("/graphql"), isIdempotent: false), _log));

        Assert.Equal(DrupalErrorCategory.ConnectionError, e.Category);
        Assert.Single(server.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_connection_that_keeps_breaking_is_ConnectionLost_after_the_last_retry()
    {
        using var server = new LocalHttpServer(x => x.CutShortAsync());

        await DrupalAssert.FailsAsync("ConnectionLost", () => Send(Retrying(maximumRetryCount: 2), Get(server.Url("/graphql")), _log));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, _waits.Count);
    }

    [Fact]
    public async Task A_refused_connection_is_not_retried()
    {
        await DrupalAssert.FailsAsync(
            "ConnectionFailed",
            () => Send(Retrying(), Get(new Uri($"http://127.0.0.1:{LocalHttpServer.ClosedPort()}/graphql")), _log));

        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_timeout_is_not_retried()
    {
        using var server = new LocalHttpServer(x => x.StallAsync());

        await DrupalAssert.FailsAsync("Timeout", () => Send(Retrying(timeout: TimeSpan.FromMilliseconds(100)), Get(server.Url("/graphql")), _log));

        Assert.Single(server.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_Retry_After_date_is_waited_for_until_that_date()
    {
        using var server = LocalHttpServer.FirstThen(
            x => x.RespondAsync(503, "{}", "application/json", ("Retry-After", DateTimeOffset.UtcNow.AddSeconds(3).ToString("r"))),
            x => x.RespondAsync(200, "{}"));

        var result = await Send(Retrying(), Get(server.Url("/graphql")), _log);

        Assert.Equal(200, result.StatusCode);

        // The date has whole seconds only, and the clock moves on while the answer travels.
        Assert.InRange(Assert.Single(_waits), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_Retry_After_date_in_the_past_is_retried_at_once()
    {
        using var server = LocalHttpServer.FirstThen(
            x => x.RespondAsync(429, "{}", "application/json", ("Retry-After", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("r"))),
            x => x.RespondAsync(200, "{}"));

        await Send(Retrying(), Get(server.Url("/graphql")), _log);

        Assert.Equal(new[] { TimeSpan.Zero }, _waits);
    }

    [Fact]
    public async Task A_Retry_After_beyond_a_minute_fails_at_once_without_waiting()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(503, "{}", "application/json", ("Retry-After", "3600")));

        var e = await DrupalAssert.FailsAsync("RetryAfterTooLong", () => Send(Retrying(), Get(server.Url("/graphql")), _log));

        Assert.Contains(server.Url("/graphql").ToString(), e.Message);
        Assert.Contains("3600 seconds", e.Message);
        Assert.Single(server.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task The_log_tells_of_each_retry_and_never_holds_the_Authorization_value()
    {
        using var server = LocalHttpServer.InTurn(
            x => x.RespondAsync(502, "<html></html>", "text/html"),
            x => x.RespondAsync(503, "{}", "application/json", ("Retry-After", "2")),
            x => x.RespondAsync(200, "{}"));

        await Send(Retrying(), Get(server.Url("/graphql")), _log);

        Assert.Contains(_log.Lines, line => line.Contains($"GET {server.Url("/graphql")}: 502 Bad Gateway; retry 1 of 3 in 1 s."));
        Assert.Contains(_log.Lines, line => line.Contains("503 Service Unavailable: Drupal asked to retry after 2 s; retry 2 of 3 in 2 s."));
        Assert.All(server.Requests, r => Assert.Equal(Authorization, r.Header("Authorization")));
        Assert.DoesNotContain("secret-access-token", _log.AllText);
    }

    [Fact]
    public async Task The_caller_cancelling_during_a_backoff_ends_the_retries()
    {
        using var cancellation = new CancellationTokenSource();
        using var server = new LocalHttpServer(async x =>
        {
            await x.RespondAsync(502, "<html></html>", "text/html");
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
        });
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10), retry: new RetryPolicy(3, TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(pipeline, Get(server.Url("/graphql")), _log, cancellation.Token));

        Assert.Contains(_log.Lines, line => line.Contains("retry 1 of 3"));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_at_once_and_points_at_SkipCertificateCheck()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"), https: true);

        var e = await DrupalAssert.FailsAsync("ConnectionFailed", () => Send(Retrying(), Get(server.Url("/graphql")), _log));

        Assert.Contains("-SkipCertificateCheck", e.Message);
        Assert.Empty(server.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task Skipping_the_certificate_check_accepts_a_self_signed_certificate()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"), https: true);

        var result = await Send(Retrying(skipCertificateCheck: true), Get(server.Url("/graphql")), _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("https", result.RequestUri.Scheme);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_the_same_origin_keeps_the_method_the_body_and_the_Authorization_header(int status)
    {
        using var server = RedirectingFrom("/graphql", status, "/api/graphql");

        var result = await Send(Retrying(), Post(server.Url("/graphql"), isIdempotent: false), _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(server.Url("/api/graphql"), result.RequestUri);
        Assert.Equal(new[] { "/graphql", "/api/graphql" }, server.Requests.Select(r => r.Target));
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal(Body, r.BodyText);
            Assert.Equal(Authorization, r.Header("Authorization"));
        });
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_request_carrying_the_token_is_never_redirected_to_another_origin(int status)
    {
        using var other = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var server = RedirectingFrom("/graphql", status, other.Url("/landing").ToString());

        var e = await DrupalAssert.FailsAsync("RedirectRefused", () => Send(Retrying(), Post(server.Url("/graphql")), _log));

        Assert.Equal(DrupalErrorCategory.SecurityError, e.Category);
        Assert.Contains(other.Url("/landing").ToString(), e.Message);
        Assert.Contains("access token", e.Message);
        Assert.Equal(Authorization, Assert.Single(server.Requests).Header("Authorization"));
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task A_request_without_credentials_follows_a_redirect_to_another_origin()
    {
        using var other = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var server = RedirectingFrom("/page", 301, other.Url("/landing").ToString());

        var result = await Send(Retrying(), new OutgoingRequest(HttpMethod.Get, server.Url("/page")), _log);

        Assert.Equal(other.Url("/landing"), result.RequestUri);
        Assert.Single(other.Requests);
    }

    [Fact]
    public async Task A_request_carrying_the_secret_is_never_redirected_to_another_origin()
    {
        using var other = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var server = RedirectingFrom("/oauth/token", 307, other.Url("/oauth/token").ToString());

        var e = await DrupalAssert.FailsAsync("RedirectRefused", () => Send(Retrying(), Post(server.Url("/oauth/token"), carriesSecret: true), _log));

        Assert.Equal(DrupalErrorCategory.SecurityError, e.Category);
        Assert.Contains(other.Url("/oauth/token").ToString(), e.Message);
        Assert.Contains("client secret", e.Message);
        Assert.Empty(other.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_request_carrying_the_secret_follows_a_redirect_on_its_own_origin()
    {
        using var server = RedirectingFrom("/oauth/token", 307, "/drupal/oauth/token");

        var result = await Send(Retrying(), Post(server.Url("/oauth/token"), carriesSecret: true), _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Body, server.Requests[1].BodyText);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task A_redirect_that_would_turn_a_POST_into_a_GET_is_refused(int status)
    {
        using var server = RedirectingFrom("/graphql", status, "/api/graphql");

        var e = await DrupalAssert.FailsAsync("RedirectRefused", () => Send(Retrying(), Post(server.Url("/graphql")), _log));

        Assert.Contains($"({status} {ReasonPhrases.For(status)})", e.Message);
        Assert.Contains("turn the POST into a GET", e.Message);
        Assert.Contains("-Uri", e.Message);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task A_GET_follows_any_redirect(int status)
    {
        using var server = RedirectingFrom("/oauth/debug", status, "/en/oauth/debug");

        var result = await Send(Retrying(), Get(server.Url("/oauth/debug")), _log);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(new[] { "GET", "GET" }, server.Requests.Select(r => r.Method));
        Assert.All(server.Requests, r => Assert.Equal(Authorization, r.Header("Authorization")));
    }

    [Fact]
    public async Task Five_redirects_in_a_row_are_followed()
    {
        using var server = RedirectChain();

        var result = await Send(Retrying(), Get(server.Url("/hop/1")), _log);

        Assert.Equal(server.Url("/hop/6"), result.RequestUri);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task A_sixth_redirect_in_a_row_is_refused_naming_the_count()
    {
        using var server = RedirectChain();

        var e = await DrupalAssert.FailsAsync("RedirectRefused", () => Send(Retrying(), Get(server.Url("/hop/0")), _log));

        Assert.Contains("6th redirect in a row", e.Message);
        Assert.Equal(server.Url("/hop/5"), e.Target);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_from_https_to_http_is_refused()
    {
        using var plain = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var server = new LocalHttpServer(x => x.RedirectAsync(302, plain.Url("/graphql").ToString()), https: true);

        var e = await DrupalAssert.FailsAsync("RedirectRefused", () => Send(Retrying(skipCertificateCheck: true), Get(server.Url("/graphql")), _log));

        Assert.Equal(DrupalErrorCategory.SecurityError, e.Category);
        Assert.Contains("from https to http", e.Message);
        Assert.Single(server.Requests);
        Assert.Empty(plain.Requests);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/graphql")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:webmaster@example.com")]
    public async Task A_redirect_to_an_address_that_is_not_http_is_refused(string location)
    {
        using var server = RedirectingFrom("/graphql", 302, location);

        var e = await DrupalAssert.FailsAsync("RedirectRefused", () => Send(Retrying(), Get(server.Url("/graphql")), _log));

        Assert.Contains("not an http or https address", e.Message);
    }

    [Theory]
    [InlineData("next", "/site/next")]
    [InlineData("../elsewhere/graphql?_format=json", "/elsewhere/graphql?_format=json")]
    [InlineData("/api/graphql", "/api/graphql")]
    public async Task A_relative_Location_resolves_against_the_request_uri(string location, string resolved)
    {
        using var server = RedirectingFrom("/site/graphql", 307, location);

        var result = await Send(Retrying(), Get(server.Url("/site/graphql")), _log);

        Assert.Equal(resolved, server.Requests[1].Target);
        Assert.Equal(server.Url(resolved), result.RequestUri);
    }

    [Fact]
    public async Task A_redirect_status_without_a_Location_is_returned_as_it_is()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(300, "{}"));

        Assert.Equal(300, (await Send(Retrying(), Get(server.Url("/graphql")), _log)).StatusCode);
        Assert.Single(server.Requests);
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
        Send(pipeline, new OutgoingRequest(HttpMethod.Get, uri), log, cancellationToken);

    private static Task<HttpResult> Send(HttpPipeline pipeline, OutgoingRequest request, IDrupalLog? log = null, CancellationToken cancellationToken = default) =>
        pipeline.SendAsync(request, log ?? NullLog.Instance, cancellationToken).WaitAsync(NoHang);

    private static OutgoingRequest Get(Uri uri) => new(HttpMethod.Get, uri, authorization: Authorization);

    private static OutgoingRequest Post(Uri uri, bool isIdempotent = true, bool carriesSecret = false) =>
        new(HttpMethod.Post, uri, () => new StringContent(Body), isIdempotent, carriesSecret, Authorization);

    /// <summary>Retries with exact backoffs (1 s, 2 s, ...) whose waits are recorded instead of slept.</summary>
    private HttpPipeline Retrying(int maximumRetryCount = 3, bool skipCertificateCheck = false, TimeSpan? timeout = null) =>
        new(
            timeout ?? TimeSpan.FromSeconds(10),
            HttpPipeline.CreateHandler(skipCertificateCheck),
            new RetryPolicy(maximumRetryCount, TimeSpan.FromSeconds(1), random: () => 1.0),
            (wait, _) =>
            {
                _waits.Add(wait);
                return Task.CompletedTask;
            });

    private static Func<HttpExchange, Task> Broken(bool midBody) => x =>
    {
        if (midBody)
        {
            return x.CutShortAsync();
        }

        x.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Redirects requests for <paramref name="path"/> and answers every other with 200.</summary>
    private static LocalHttpServer RedirectingFrom(string path, int status, string location) =>
        new(x => x.Request.Path == path ? x.RedirectAsync(status, location) : x.RespondAsync(200, "{}"));

    /// <summary>/hop/N redirects to /hop/N+1 up to /hop/6, which answers.</summary>
    private static LocalHttpServer RedirectChain() =>
        new(x =>
        {
            var hop = int.Parse(x.Request.Path["/hop/".Length..]);
            return hop < 6 ? x.RedirectAsync(302, "/hop/" + (hop + 1)) : x.RespondAsync(200, "{}");
        });
}
