using System.Collections.Concurrent;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class ApiClientTests : IDisposable
{
    private const string Challenge = "Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"Access token could not be verified\"";

    private static readonly Uri JsonApiUri = new("https://drupal.example.com/jsonapi/node/article");

    private readonly HttpPipeline _pipeline = new(TimeSpan.FromSeconds(10));
    private readonly ConcurrentQueue<AccessToken?> _rejectedOnEachCall = new();
    private readonly ApiClient _api;
    private int _tokensIssued;

    public ApiClientTests()
    {
        _api = new ApiClient(_pipeline, (log, cancellationToken, rejected) =>
        {
            _rejectedOnEachCall.Enqueue(rejected);
            var number = Interlocked.Increment(ref _tokensIssued);
            return Task.FromResult(TestTokens.Make("token-" + number, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(300)));
        });
    }

    public void Dispose() => _pipeline.Dispose();

    [Theory]
    [InlineData(401, "Unauthorized", DrupalErrorCategory.AuthenticationError)]
    [InlineData(403, "Forbidden", DrupalErrorCategory.PermissionDenied)]
    [InlineData(404, "NotFound", DrupalErrorCategory.ObjectNotFound)]
    [InlineData(500, "HttpError", DrupalErrorCategory.ResourceUnavailable)]
    [InlineData(503, "HttpError", DrupalErrorCategory.ResourceUnavailable)]
    [InlineData(400, "BadRequest", DrupalErrorCategory.InvalidArgument)]
    [InlineData(405, "MethodNotAllowed", DrupalErrorCategory.InvalidOperation)]
    [InlineData(409, "Conflict", DrupalErrorCategory.InvalidOperation)]
    [InlineData(415, "UnsupportedMediaType", DrupalErrorCategory.InvalidArgument)]
    [InlineData(422, "UnprocessableEntity", DrupalErrorCategory.InvalidData)]
    [InlineData(418, "HttpError", DrupalErrorCategory.InvalidResult)]
    public void Failure_maps_the_status_to_an_ErrorId_and_names_the_url_the_status_and_what_Drupal_said(int status, string errorId, DrupalErrorCategory category)
    {
        var e = ApiClient.Failure(HttpResults.Json(status, "{\"message\":\"Drupal's own words\"}", HttpResults.GraphQLUri));

        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(category, e.Category);
        Assert.Contains(HttpResults.GraphQLUri.ToString(), e.Message);
        Assert.Contains($"{status} {ReasonPhrases.For(status)}", e.Message);
        Assert.Contains("Drupal's own words", e.Message);
        Assert.Equal(HttpResults.GraphQLUri, e.Target);
    }

    [Fact]
    public void Failure_says_how_often_a_retried_status_came_back()
    {
        var result = HttpResults.Json(503, "{}", HttpResults.GraphQLUri);
        result.Retries = 3;

        Assert.Contains("failed with 503 Service Unavailable 4 times in a row:", ApiClient.Failure(result).Message);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(500)]
    public void Failure_names_the_method(int status)
    {
        var e = ApiClient.Failure(HttpResults.Json(status, "{}", HttpResults.GraphQLUri));

        Assert.Contains("POST " + HttpResults.GraphQLUri, e.Message);
    }

    [Fact]
    public void Failure_names_the_method_on_404_too()
    {
        var e = ApiClient.Failure(HttpResults.Json(404, "{}", HttpResults.GraphQLUri));

        Assert.Contains("POST " + HttpResults.GraphQLUri, e.Message);
    }

    [Fact]
    public void A_403_explains_the_permission_and_the_stripped_header_problem()
    {
        var e = ApiClient.Failure(HttpResults.Json(403, "{\"message\":\"The 'access content' permission is required.\"}", HttpResults.GraphQLUri));

        Assert.Contains("The 'access content' permission is required.", e.Message);
        Assert.Contains("Authorization header", e.Message);
    }

    [Fact]
    public void A_JSON_API_error_document_gives_one_error_per_error_object_the_first_carrying_the_others()
    {
        var e = ApiClient.Failure(HttpResults.Json(422, JsonApiDocuments.Errors(
            ("Unprocessable Content", "422", "title: This value should not be null.", "/data/attributes/title"),
            ("Unprocessable Content", "422", "field_tags.0: The referenced entity does not exist.", "/data/relationships/field_tags/data/0"),
            ("Unprocessable Content", "422", "body: Too long.", "/data/attributes/body")), JsonApiUri));

        Assert.Equal("UnprocessableEntity", e.ErrorId);
        Assert.Equal(DrupalErrorCategory.InvalidData, e.Category);
        Assert.Contains("Drupal refused the data of POST " + JsonApiUri + " (422 Unprocessable Content): title: This value should not be null. (field 'title')", e.Message);
        Assert.Equal(new[] { "field_tags", "body" }, e.FurtherErrors.Select(f => f.Message.Contains("(field 'field_tags')") ? "field_tags" : f.Message.Contains("(field 'body')") ? "body" : f.Message));
        Assert.All(e.FurtherErrors, f => Assert.Equal("UnprocessableEntity", f.ErrorId));
        Assert.All(e.FurtherErrors, f => Assert.Empty(f.FurtherErrors));
        Assert.Equal("title", Assert.IsType<JsonApiError>(e.Target).Field);
        Assert.Equal(new[] { "field_tags", "body" }, e.FurtherErrors.Select(f => Assert.IsType<JsonApiError>(f.Target).Field));
    }

    [Fact]
    public void JSON_API_s_read_only_405_says_what_Drupal_said_without_repeating_the_status()
    {
        var e = ApiClient.Failure(HttpResults.Json(405, JsonApiDocuments.Errors(("Method Not Allowed", "405", "JSON:API is configured to accept only read operations.", null)), JsonApiUri));

        Assert.Equal("MethodNotAllowed", e.ErrorId);
        Assert.Contains("(405 Method Not Allowed): JSON:API is configured to accept only read operations.", e.Message);
        Assert.Contains("/admin/config/services/jsonapi", e.Message);
        Assert.Contains("Accept all JSON:API create, read, update, and delete operations.", e.Message);
        Assert.Empty(e.FurtherErrors);
    }

    [Theory]
    [InlineData(400, "BadRequest", "Bad Request", "Invalid nested filtering. The field `titl`, given in the path `titl`, does not exist.")]
    [InlineData(403, "Forbidden", "Forbidden", "The current user is not authorized to filter by the `uid` field.")]
    [InlineData(409, "Conflict", "Conflict", "IDs should be properly generated and formatted UUIDs as described in RFC 4122.")]
    [InlineData(415, "UnsupportedMediaType", "Unsupported Media Type", "No route found that matches \\\"Content-Type: text/xml\\\"")]
    public void A_JSON_API_error_is_told_in_Drupals_words_under_its_ErrorId(int status, string errorId, string title, string detail)
    {
        var e = ApiClient.Failure(HttpResults.Json(status, JsonApiDocuments.Errors((title, status.ToString(), detail, null)), JsonApiUri));

        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(detail.Replace("\\\"", "\""), e.Message);
        Assert.DoesNotContain("): " + title + ": ", e.Message);
        Assert.DoesNotContain(title + ": " + title + ": ", e.Message);
    }

    [Fact]
    public void A_401_is_about_the_token_even_with_a_JSON_API_error_document()
    {
        var e = ApiClient.Failure(HttpResults.Json(401, JsonApiDocuments.Errors(("Unauthorized", "401", "The used authentication method is not allowed.", null)), JsonApiUri));

        Assert.Equal("Unauthorized", e.ErrorId);
        Assert.Empty(e.FurtherErrors);
        Assert.Contains("Drupal refused the access token", e.Message);
    }

    [Fact]
    public async Task Sends_the_token_as_a_Bearer_authorization_header()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"));

        var result = await Send(server);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("Bearer token-1", Assert.Single(server.Requests).Header("Authorization"));
        Assert.Equal(new AccessToken?[] { null }, _rejectedOnEachCall);
    }

    [Fact]
    public async Task A_first_401_gets_one_new_token_and_one_retry()
    {
        using var server = LocalHttpServer.FirstThen(
            x => x.RespondAsync(401, "{\"message\":\"The resource owner or authorization server denied the request.\"}", "application/json", ("WWW-Authenticate", Challenge)),
            x => x.RespondAsync(200, "{\"data\":{}}"));

        var result = await Send(server);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(new[] { "Bearer token-1", "Bearer token-2" }, server.Requests.Select(r => r.Header("Authorization")));
        var rejected = _rejectedOnEachCall.ToArray();
        Assert.Null(rejected[0]);
        Assert.Equal("token-1", rejected[1]!.RevealPlainText());
    }

    [Fact]
    public async Task A_second_401_is_Unauthorized_with_no_further_retry()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(401, "<html><head><title>Unauthorized | Site</title></head></html>", "text/html", ("WWW-Authenticate", Challenge)));

        var e = await DrupalAssert.FailsAsync("Unauthorized", () => Send(server));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, _tokensIssued);
        Assert.Contains("Access token could not be verified", e.Message);
        Assert.DoesNotContain("token-1", e.Message);
        Assert.DoesNotContain("token-2", e.Message);
    }

    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "NotFound")]
    [InlineData(500, "HttpError")]
    public async Task Other_failures_are_not_retried(int status, string errorId)
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(status, "{\"message\":\"no\"}"));

        await DrupalAssert.FailsAsync(errorId, () => Send(server));

        Assert.Single(server.Requests);
        Assert.Equal(1, _tokensIssued);
    }

    [Fact]
    public async Task Each_attempt_sends_a_fresh_request_with_the_same_body()
    {
        using var server = LocalHttpServer.FirstThen(x => x.RespondAsync(401, "{}"), x => x.RespondAsync(200, "{}"));

        await _api.SendAsync(
            new OutgoingRequest(HttpMethod.Post, server.Url("/graphql"), () => new StringContent("{\"query\":\"{ a }\"}")),
            NullLog.Instance,
            CancellationToken.None);

        Assert.All(server.Requests, r => Assert.Equal("{\"query\":\"{ a }\"}", r.BodyText));
    }

    [Fact]
    public async Task A_client_for_a_site_refuses_a_request_to_another_origin_before_it_gets_a_token()
    {
        using var site = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        using var elsewhere = new LocalHttpServer(x => x.RespondAsync(200, "{}"));
        var api = new ApiClient(_pipeline, (log, cancellationToken, rejected) => throw new InvalidOperationException("No token may be asked for."), site.BaseUri);

        var e = await DrupalAssert.FailsAsync("CrossOriginRefused", () => api.SendAsync(new OutgoingRequest(HttpMethod.Get, elsewhere.Url("/jsonapi")), NullLog.Instance, CancellationToken.None));

        Assert.Equal(DrupalErrorCategory.SecurityError, e.Category);
        Assert.Contains("the access token only ever goes to its own site", e.Message);
        Assert.Empty(elsewhere.Requests);
    }

    private Task<HttpResult> Send(LocalHttpServer server) =>
        _api.SendAsync(new OutgoingRequest(HttpMethod.Get, server.Url("/jsonapi/node/article")), NullLog.Instance, CancellationToken.None);
}
