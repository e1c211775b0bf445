using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class ServerMessageTests
{
    [Fact]
    public void A_JSON_message_is_quoted()
    {
        Assert.Equal(
            "The 'execute example_server arbitrary graphql requests' permission is required.",
            Describe(HttpResults.Json(403, "{\"message\":\"The 'execute example_server arbitrary graphql requests' permission is required.\"}")));
    }

    [Fact]
    public void A_JSON_API_error_gives_its_detail()
    {
        Assert.Equal(
            "JSON:API is configured to accept only read operations.",
            Describe(HttpResults.Json(405, "{\"errors\":[{\"title\":\"Method Not Allowed\",\"status\":\"405\",\"detail\":\"JSON:API is configured to accept only read operations.\"}]}")));
    }

    [Fact]
    public void A_JSON_API_error_without_detail_gives_its_title()
    {
        Assert.Equal("Forbidden", Describe(HttpResults.Json(403, "{\"errors\":[{\"title\":\"Forbidden\",\"status\":\"403\"}]}")));
    }

    [Fact]
    public void An_OAuth_error_gives_its_description()
    {
        Assert.Equal("Client authentication failed", Describe(HttpResults.Json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
    }

    [Fact]
    public void An_HTML_page_is_named_by_its_decoded_title()
    {
        Assert.Equal("an HTML page titled 'Unauthorized | Tom & Jerry's Site'", Describe(HttpResults.Html(401, "  Unauthorized | Tom &amp; Jerry&#039;s Site\n")));
    }

    [Fact]
    public void The_WWW_Authenticate_description_comes_before_the_body()
    {
        var result = HttpResults.Make(
            401,
            "<html><head><title>Unauthorized | Site</title></head></html>",
            "text/html",
            HttpResults.GraphQLUri,
            "Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"The JWT string must have two dots\"");

        Assert.Equal("The JWT string must have two dots", Describe(result));
    }

    [Fact]
    public void A_Basic_challenge_without_description_leaves_the_body_to_speak()
    {
        var result = HttpResults.Json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}", wwwAuthenticate: "Basic realm=\"OAuth\"");

        Assert.Equal("Client authentication failed", Describe(result));
    }

    [Fact]
    public void An_empty_body_is_said_to_be_empty()
    {
        Assert.Equal("an empty body", Describe(HttpResults.Make(500, string.Empty, null)));
    }

    [Theory]
    [InlineData("plain words that could hold a token", "text/plain", "35 bytes of text/plain")]
    [InlineData("{\"token\":[\"eyJ.secret.token\"]}", "application/json", "30 bytes of application/json")]
    [InlineData("\u0001\u0002", null, "2 bytes of content of no stated type")]
    public void Any_other_body_is_described_by_its_size_and_type_never_quoted(string body, string? contentType, string described)
    {
        Assert.Equal(described, Describe(HttpResults.Make(500, body, contentType)));
    }

    [Theory]
    [InlineData("Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"Access token could not be verified\"", "Access token could not be verified")]
    [InlineData("Basic realm=\"OAuth\"", null)]
    [InlineData(null, null)]
    public void FromWwwAuthenticate_reads_the_error_description(string? header, string? expected)
    {
        Assert.Equal(expected, ServerMessage.FromWwwAuthenticate(header));
    }

    private static string Describe(HttpResult result) => ServerMessage.Describe(result);
}
