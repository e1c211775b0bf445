using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.GraphQL;

public sealed class GraphQLClientTests : IDisposable
{
    private readonly RecordingLog _log = new();
    private FakeDrupal? _drupal;

    public void Dispose() => _drupal?.Dispose();

    [Fact]
    public void Data_alone_is_read_into_PowerShell_objects()
    {
        var response = Parse("{\"data\":{\"articles\":{\"total\":25,\"items\":[{\"id\":1,\"title\":\"ARTICLE 1\"}]}}}");

        Assert.True(response.HasData);
        Assert.Empty(response.Errors);
        var articles = (PSObject)((PSObject)response.Data!).Properties["articles"].Value;
        Assert.Equal(25L, articles.Properties["total"].Value);
        Assert.Equal("ARTICLE 1", ((PSObject)((object[])articles.Properties["items"].Value)[0]).Properties["title"].Value);
    }

    [Fact]
    public void An_errors_path_reads_like_a_PowerShell_member_path()
    {
        var error = Assert.Single(Parse("{\"data\":null,\"errors\":[{\"message\":\"Boom\",\"path\":[\"nodeQuery\",\"entities\",0,\"title\"]}]}").Errors);

        Assert.Equal("nodeQuery.entities[0].title", error.Path);
    }

    [Fact]
    public void Error_locations_read_as_line_and_column()
    {
        var error = Assert.Single(Parse(
            "{\"errors\":[{\"message\":\"Cannot query field \\\"nodeQuery\\\" on type \\\"Query\\\".\",\"extensions\":{\"category\":\"graphql\"},\"locations\":[{\"line\":1,\"column\":3}]}]}").Errors);

        Assert.Equal("Cannot query field \"nodeQuery\" on type \"Query\".", error.Message);
        Assert.Equal("line 1, column 3", error.Locations);
        Assert.Equal("graphql", error.Category);
        Assert.Null(error.Path);
        Assert.Equal("GraphQL error (line 1, column 3): Cannot query field \"nodeQuery\" on type \"Query\".", error.ToString());
    }

    [Fact]
    public void Several_locations_are_joined()
    {
        var error = Assert.Single(Parse("{\"errors\":[{\"message\":\"x\",\"locations\":[{\"line\":1,\"column\":3},{\"line\":4,\"column\":5}]}]}").Errors);

        Assert.Equal("line 1, column 3; line 4, column 5", error.Locations);
    }

    [Fact]
    public void Extensions_are_kept_as_PowerShell_objects_and_their_category_read_out()
    {
        var error = Assert.Single(Parse("{\"errors\":[{\"message\":\"GraphQL Request must include at least one of those two parameters: \\\"query\\\" or \\\"queryId\\\"\",\"extensions\":{\"category\":\"request\",\"code\":7}}]}").Errors);

        Assert.Equal("request", error.Category);
        Assert.Equal(7L, ((PSObject)error.Extensions!).Properties["code"].Value);
        Assert.Null(error.Locations);
    }

    [Fact]
    public void An_error_without_a_message_still_reads()
    {
        Assert.Equal("(no message)", Assert.Single(Parse("{\"errors\":[{\"path\":[\"a\"]}]}").Errors).Message);
    }

    [Theory]
    [InlineData("{\"data\":null,\"errors\":[{\"message\":\"Syntax Error: Expected Name, found <EOF>\"}]}")]
    [InlineData("{\"errors\":[{\"message\":\"Syntax Error: Expected Name, found <EOF>\"}]}")]
    public void Null_or_missing_data_means_the_operation_did_not_run(string json)
    {
        var response = Parse(json);

        Assert.False(response.HasData);
        Assert.Null(response.Data);
        Assert.Equal("Syntax Error: Expected Name, found <EOF>", Assert.Single(response.Errors).Message);
    }

    [Fact]
    public void Data_and_errors_can_come_together()
    {
        var response = Parse("{\"data\":{\"node\":null,\"articles\":{\"total\":1}},\"errors\":[{\"message\":\"Access denied\",\"path\":[\"node\"]}]}");

        Assert.True(response.HasData);
        Assert.Equal("node", Assert.Single(response.Errors).Path);
        Assert.Null(((PSObject)response.Data!).Properties["node"].Value);
    }

    [Fact]
    public void Raw_holds_the_whole_response()
    {
        var response = Parse("{\"data\":{\"a\":1},\"errors\":[],\"extensions\":{\"cost\":3}}");

        Assert.Equal(new[] { "data", "errors", "extensions" }, ((PSObject)response.Raw).Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Page not found | My Site</title></head></html>", "text/html", "'Page not found | My Site'")]
    [InlineData("not json at all", "text/plain", "15 bytes of text/plain")]
    [InlineData("", "application/json", "an empty body")]
    [InlineData("{\"data\":", "application/json", "8 bytes of application/json")]
    public void A_body_that_is_not_JSON_is_an_invalid_response_that_says_what_came_instead(string body, string contentType, string described)
    {
        var e = DrupalAssert.Fails("InvalidResponse", () => GraphQLClient.Parse(HttpResults.Make(200, body, contentType, HttpResults.GraphQLUri)));

        Assert.Equal(DrupalErrorCategory.InvalidResult, e.Category);
        Assert.Contains(described, e.Message);
        Assert.Contains("POST " + HttpResults.GraphQLUri, e.Message);
        Assert.Contains("-GraphQLPath", e.Message);
    }

    [Theory]
    [InlineData("[{\"data\":{}},{\"data\":{}}]", "array")]
    [InlineData("\"text\"", "string")]
    [InlineData("42", "number")]
    public void A_JSON_value_that_is_not_an_object_is_an_invalid_response(string body, string kind)
    {
        var e = DrupalAssert.Fails("InvalidResponse", () => Parse(body));

        Assert.Contains("a JSON " + kind, e.Message);
    }

    [Fact]
    public void A_response_with_an_empty_field_name_fails_as_a_DrupalException_not_a_crash()
    {
        var e = Record.Exception(() => Parse("{\"data\":{\"settings\":{\"\":1}}}"));

        Assert.True(e == null || e is DrupalException, e?.GetType().FullName);
    }

    [Fact]
    public void Serialize_writes_query_variables_and_operation_name()
    {
        var variables = new OrderedDictionary { ["first"] = 10, ["after"] = null };

        var json = Serialize(new GraphQLRequest("query Articles($first: Int) { a }", variables, "Articles"));

        Assert.Equal("{\"query\":\"query Articles($first: Int) { a }\",\"variables\":{\"first\":10,\"after\":null},\"operationName\":\"Articles\"}", json);
    }

    [Fact]
    public void Serialize_leaves_out_what_was_not_given()
    {
        Assert.Equal("{\"query\":\"{ a }\"}", Serialize(new GraphQLRequest("{ a }")));
    }

    [Fact]
    public void Serialize_writes_empty_variables_as_an_empty_object()
    {
        Assert.Equal("{\"query\":\"{ a }\",\"variables\":{}}", Serialize(new GraphQLRequest("{ a }", new Hashtable())));
    }

    [Fact]
    public void Serialize_keeps_a_multi_line_query_intact()
    {
        const string query = "query {\n  articles(limit: 10) {\n    items { title }\n  }\n}";

        var written = (PSObject)Support.Json.ToPSObject(Serialize(new GraphQLRequest(query)))!;

        Assert.Equal(query, written.Properties["query"].Value);
    }

    [Theory]
    [InlineData("{ articles { total } }", null)]
    [InlineData("query Articles { articles { total } }", null)]
    [InlineData("query Articles { articles { total } } mutation Publish { publish { id } }", "Articles")]
    public async Task A_query_is_retried_after_a_502(string query, string? operationName)
    {
        var send = await SendingThrough502(new GraphQLRequest(query, null, operationName));

        Assert.True((await send()).HasData);
        Assert.Equal(2, _drupal!.GraphQLRequests.Count);
        Assert.DoesNotContain("The operation is a mutation", _log.AllText);
    }

    [Theory]
    [InlineData("mutation { publish { id } }", null)]
    [InlineData("subscription { articles { id } }", null)]
    [InlineData("query Articles { articles { total } } mutation Publish { publish { id } }", "Publish")]
    [InlineData("query Articles { articles { total } } mutation Publish { publish { id } }", null)]
    public async Task A_mutation_is_not_retried_after_a_502_since_it_may_have_run(string query, string? operationName)
    {
        var send = await SendingThrough502(new GraphQLRequest(query, null, operationName));

        var e = await DrupalAssert.FailsAsync("HttpError", send);

        Assert.Contains("502 Bad Gateway", e.Message);
        Assert.Single(_drupal!.GraphQLRequests);
        Assert.Contains("The operation is a mutation: it is not retried", _log.AllText);
    }

    [Fact]
    public async Task A_mutation_is_retried_after_a_502_when_the_caller_allows_it()
    {
        var send = await SendingThrough502(new GraphQLRequest("mutation { publish { id } }", retryMutation: true));

        Assert.True((await send()).HasData);
        Assert.Equal(2, _drupal!.GraphQLRequests.Count);
        Assert.Contains("-RetryMutation allows retrying it", _log.AllText);
    }

    /// <summary>A connection to a site whose proxy answers the first GraphQL request with 502; the retry policy decides the rest.</summary>
    private async Task<Func<Task<GraphQLResponse>>> SendingThrough502(GraphQLRequest request)
    {
        _drupal = new FakeDrupal();
        var connection = await _drupal.OpenAsync(_drupal.Settings());
        _drupal.FailNextGraphQLRequests(1, 502);
        return () => connection.InvokeGraphQLAsync(request, _log, CancellationToken.None);
    }

    private static GraphQLResponse Parse(string json) => GraphQLClient.Parse(HttpResults.Json(200, json, HttpResults.GraphQLUri));

    private static string Serialize(GraphQLRequest request) => Encoding.UTF8.GetString(GraphQLClient.Serialize(request));
}
