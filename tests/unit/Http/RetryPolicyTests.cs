using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class RetryPolicyTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly OutgoingRequest Query = new(HttpMethod.Post, HttpResults.GraphQLUri);
    private static readonly OutgoingRequest Mutation = new(HttpMethod.Post, HttpResults.GraphQLUri, isIdempotent: false);

    // Jitter at its top: the backoff is exactly the exponential value.
    private readonly RetryPolicy _policy = new(3, Interval, random: () => 1.0);

    [Theory]
    [InlineData(429, true)]
    [InlineData(429, false)]
    [InlineData(503, true)]
    [InlineData(503, false)]
    public void A_Retry_After_is_waited_for_whatever_the_method_since_the_server_did_not_act(int status, bool idempotent)
    {
        var delay = Delay(idempotent ? Query : Mutation, Result(status, TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(7), delay);
    }

    [Fact]
    public void A_Retry_After_of_exactly_the_maximum_is_waited_for()
    {
        Assert.Equal(RetryPolicy.MaximumRetryAfter, Delay(Query, Result(503, RetryPolicy.MaximumRetryAfter)));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void A_Retry_After_beyond_a_minute_fails_naming_the_uri_and_the_seconds(int status)
    {
        var e = DrupalAssert.Fails("RetryAfterTooLong", () => Delay(Mutation, Result(status, TimeSpan.FromSeconds(3600))));

        Assert.Equal(DrupalErrorCategory.ResourceUnavailable, e.Category);
        Assert.Contains("POST " + HttpResults.GraphQLUri, e.Message);
        Assert.Contains("3600 seconds", e.Message);
        Assert.Contains($"{status} {ReasonPhrases.For(status)}", e.Message);
        Assert.Equal(HttpResults.GraphQLUri, e.Target);
    }

    [Fact]
    public void A_Retry_After_date_in_the_past_means_retry_at_once()
    {
        Assert.Equal(TimeSpan.Zero, Delay(Query, Result(503, TimeSpan.FromSeconds(-30))));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_429_without_Retry_After_backs_off_for_any_method(bool idempotent)
    {
        Assert.Equal(Interval, Delay(idempotent ? Query : Mutation, Result(429)));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    public void A_gateway_failure_without_Retry_After_backs_off_only_for_a_request_safe_to_repeat(int status)
    {
        Assert.Equal(Interval, Delay(Query, Result(status)));
        Assert.Null(Delay(Mutation, Result(status)));
    }

    [Fact]
    public void A_GET_is_safe_to_repeat_by_default()
    {
        Assert.Equal(Interval, Delay(new OutgoingRequest(HttpMethod.Get, HttpResults.GraphQLUri), Result(502)));
    }

    [Fact]
    public void A_lost_connection_backs_off_only_for_a_request_safe_to_repeat()
    {
        var lost = Failure("ConnectionLost");

        Assert.Equal(Interval, _policy.DelayBeforeRetry(Query, null, lost, 0, out var reason));
        Assert.Equal("the connection broke", reason);
        Assert.Null(_policy.DelayBeforeRetry(Mutation, null, lost, 0, out _));
    }

    [Fact]
    public void A_PATCH_is_sent_again_only_when_the_connection_broke_before_any_answer()
    {
        var patch = new OutgoingRequest(new HttpMethod("PATCH"), HttpResults.GraphQLUri, isIdempotent: false, retryBeforeAnswer: true);
        var beforeAnswer = Failure("ConnectionLost");
        var duringAnswer = Failure("ConnectionLost");
        duringAnswer.Data[HttpPipeline.AnswerStarted] = true;

        Assert.Equal(Interval, _policy.DelayBeforeRetry(patch, null, beforeAnswer, 0, out _));
        Assert.Null(_policy.DelayBeforeRetry(patch, null, duringAnswer, 0, out _));
        Assert.Null(Delay(patch, Result(502)));
        Assert.NotNull(Delay(patch, Result(503, TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void An_answer_that_broke_while_it_was_read_as_it_came_is_not_sent_again_even_for_a_query()
    {
        var partly = Failure("ConnectionLost");
        partly.Data[HttpPipeline.AnswerStarted] = true;
        partly.Data[HttpPipeline.PartlyRead] = true;

        Assert.Null(_policy.DelayBeforeRetry(Query, null, partly, 0, out _));
    }

    [Fact]
    public void A_POST_is_never_sent_again_after_a_lost_connection_or_a_gateway_failure()
    {
        var post = new OutgoingRequest(HttpMethod.Post, HttpResults.GraphQLUri, isIdempotent: false);

        Assert.Null(_policy.DelayBeforeRetry(post, null, Failure("ConnectionLost"), 0, out _));
        Assert.Null(Delay(post, Result(502)));
        Assert.Null(Delay(post, Result(504)));
    }

    [Theory]
    [InlineData("ConnectionFailed")]
    [InlineData("Timeout")]
    public void Other_transport_failures_are_not_retried(string errorId)
    {
        Assert.Null(_policy.DelayBeforeRetry(Query, null, Failure(errorId), 0, out _));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    public void Other_statuses_are_not_retried(int status)
    {
        Assert.Null(Delay(Query, Result(status)));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    public void Retries_stop_after_the_maximum_count(int status)
    {
        Assert.NotNull(_policy.DelayBeforeRetry(Query, Result(status), null, 2, out _));
        Assert.Null(_policy.DelayBeforeRetry(Query, Result(status), null, 3, out _));
        Assert.Null(_policy.DelayBeforeRetry(Query, Result(status, TimeSpan.FromSeconds(1)), null, 3, out _));
        Assert.Null(_policy.DelayBeforeRetry(Query, null, Failure("ConnectionLost"), 3, out _));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(20, 30)]
    [InlineData(2000, 30)]
    public void The_backoff_doubles_from_the_interval_up_to_30_seconds(int retriesSoFar, int seconds)
    {
        var policy = new RetryPolicy(int.MaxValue, Interval, random: () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.DelayBeforeRetry(Query, Result(502), null, retriesSoFar, out _));
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(0.5, 750)]
    [InlineData(1.0, 1000)]
    public void Jitter_keeps_the_backoff_between_half_and_all_of_it(double random, int milliseconds)
    {
        var policy = new RetryPolicy(3, Interval, random: () => random);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), policy.DelayBeforeRetry(Query, Result(502), null, 0, out _));
    }

    [Fact]
    public void Jitter_applies_to_the_capped_backoff_too()
    {
        var policy = new RetryPolicy(10, Interval, random: () => 0.0);

        Assert.Equal(TimeSpan.FromSeconds(15), policy.DelayBeforeRetry(Query, Result(502), null, 9, out _));
    }

    [Fact]
    public void Without_an_injected_random_the_jitter_stays_within_bounds()
    {
        var policy = new RetryPolicy(3, Interval);

        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(policy.DelayBeforeRetry(Query, Result(502), null, 1, out _)!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void The_reason_names_the_status_and_what_the_server_asked()
    {
        _policy.DelayBeforeRetry(Query, Result(503, TimeSpan.FromSeconds(2)), null, 0, out var asked);
        _policy.DelayBeforeRetry(Query, Result(502), null, 0, out var gateway);

        Assert.Equal("503 Service Unavailable: Drupal asked to retry after 2 s", asked);
        Assert.Equal("502 Bad Gateway", gateway);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void None_never_retries(int status)
    {
        Assert.Equal(0, RetryPolicy.None.MaximumRetryCount);
        Assert.Null(RetryPolicy.None.DelayBeforeRetry(Query, Result(status), null, 0, out _));
        Assert.Null(RetryPolicy.None.DelayBeforeRetry(Query, Result(status, TimeSpan.FromSeconds(1)), null, 0, out _));
        Assert.Null(RetryPolicy.None.DelayBeforeRetry(Query, null, Failure("ConnectionLost"), 0, out _));
    }

    [Fact]
    public void A_negative_maximum_count_means_no_retries()
    {
        Assert.Equal(0, new RetryPolicy(-1, Interval).MaximumRetryCount);
    }

    private TimeSpan? Delay(OutgoingRequest request, HttpResult result) => _policy.DelayBeforeRetry(request, result, null, 0, out _);

    private static HttpResult Result(int status, TimeSpan? retryAfter = null) =>
        HttpResults.Make(status, string.Empty, "text/html", HttpResults.GraphQLUri, retryAfter: retryAfter);

    private static DrupalException Failure(string errorId) =>
        new(errorId, DrupalErrorCategory.ConnectionError, "The connection broke.", HttpResults.GraphQLUri);
}
