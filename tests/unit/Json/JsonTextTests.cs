using System.Management.Automation;
using System.Text;
using System.Text.Json;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Http;
using DrupalOAuth.Json;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Json;

public sealed class JsonTextTests
{
    private static readonly Uri ApiUri = new("https://drupal.example.com/jsonapi/node/article");

    /// <summary>JSON with a string that is not valid text, in each place a reader meets one.</summary>
    public static TheoryData<string, byte[]> NotText() => new()
    {
        { "invalid UTF-8 in an item's value", Concat("{\"data\":{\"list\":[{\"a\":\"", new byte[] { 0xC3, 0x28 }, "\"}]}}") },
        { "invalid UTF-8 in an item's name", Concat("{\"data\":{\"list\":[{\"", new byte[] { 0xFF }, "\":1}]}}") },
        { "invalid UTF-8 in a name around the list", Concat("{\"", new byte[] { 0xFE, 0x41 }, "\":1,\"data\":{\"list\":[]}}") },
        { "a lone high surrogate in an item", Encoding.ASCII.GetBytes("{\"data\":{\"list\":[{\"a\":\"\\ud800\"}]}}") },
        { "a lone low surrogate in a name around the list", Encoding.ASCII.GetBytes("{\"x\\udc00\":1,\"data\":{\"list\":[]}}") },
    };

    public static byte[] WithBom(string json) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();

    [Fact]
    public void A_byte_order_mark_before_JSON_is_skipped_by_the_value_reader_and_the_document_parser()
    {
        var json = WithBom("{\"a\":1}");

        Assert.Equal(1L, Assert.IsType<PSObject>(JsonToPSObject.Parse(json)).Properties["a"].Value);
        using var document = JsonText.Parse(json);
        Assert.Equal(1, document.RootElement.GetProperty("a").GetInt32());
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void A_string_that_is_not_valid_text_is_a_JsonException_for_the_value_reader_and_the_document_parser(string where, byte[] json)
    {
        var read = Assert.ThrowsAny<JsonException>(() => JsonToPSObject.Parse(json));
        var parsed = Assert.ThrowsAny<JsonException>(() => JsonText.Parse(json));

        Assert.Equal("it holds a string that is not valid UTF-8 or UTF-16 text", JsonText.Where(read));
        Assert.Equal("it holds a string that is not valid UTF-8 or UTF-16 text", JsonText.Where(parsed));
        Assert.NotNull(where);
    }

    [Fact]
    public void Valid_text_beyond_ASCII_and_escaped_pairs_are_read()
    {
        using var document = JsonText.Parse(Encoding.UTF8.GetBytes("{\"é\":\"Artículo \\ud83d\\ude00 😀\"}"));

        Assert.Equal("Artículo 😀 😀", document.RootElement.GetProperty("é").GetString());
    }

    [Fact]
    public void Where_JSON_breaks_is_said_in_our_words()
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonToPSObject.Parse(Encoding.UTF8.GetBytes("{\"a\":\n  tru}")));

        Assert.Matches(@"^it breaks at line 2, byte \d+$", JsonText.Where(e));
    }

    [Theory]
    [InlineData("{\"a\":1}", true)]
    [InlineData(" \r\n\t[1", true)]
    [InlineData("\uFEFF{", true)]
    [InlineData("<!DOCTYPE html>", false)]
    [InlineData("\"text\"", false)]
    [InlineData("", false)]
    public void Bytes_look_like_JSON_when_an_object_or_array_starts_them(string body, bool expected)
    {
        Assert.Equal(expected, JsonText.LooksLikeJson(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void An_HTML_page_for_a_GraphQL_response_is_InvalidResponse_without_the_parsers_words()
    {
        var e = Assert.Throws<DrupalException>(() => GraphQLClient.Parse(HttpResults.Html(200, "Home | Drupal Test Site", HttpResults.GraphQLUri)));

        Assert.Equal("InvalidResponse", e.ErrorId);
        Assert.Equal(
            "POST https://drupal.example.com/graphql answered 200 OK with an HTML page titled 'Home | Drupal Test Site', which is not a GraphQL response. Check -GraphQLPath and that the GraphQL module serves that path.",
            e.Message);
    }

    [Fact]
    public void A_body_that_looked_like_JSON_but_broke_says_where()
    {
        var e = Assert.Throws<DrupalException>(() => GraphQLClient.Parse(HttpResults.Json(200, "{\"data\": nul}", HttpResults.GraphQLUri)));

        Assert.Equal("InvalidResponse", e.ErrorId);
        Assert.Matches(@"answered 200 OK with 13 bytes of application/json, which is not a GraphQL response \(it breaks at line 1, byte \d+\)\. Check", e.Message);
        Assert.DoesNotContain("invalid", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void Bad_text_in_a_whole_answer_is_InvalidResponse_for_requests_GraphQL_and_JSON_API(string where, byte[] json)
    {
        Assert.Equal("InvalidResponse", Assert.Throws<DrupalException>(() => RequestClient.Read(Result(200, json, "application/json"))).ErrorId);
        Assert.Equal("InvalidResponse", Assert.Throws<DrupalException>(() => GraphQLClient.Parse(Result(200, json, "application/json"))).ErrorId);
        Assert.Equal("InvalidResponse", Assert.Throws<DrupalException>(() => JsonResponse.ParseObject(Result(200, json, "application/vnd.api+json"), "a JSON:API document", "Check.")).ErrorId);
        Assert.NotNull(where);
    }

    [Fact]
    public void A_byte_order_mark_before_a_whole_answer_is_read()
    {
        Assert.Equal(1L, PowerShellValue.Member(RequestClient.Read(Result(200, WithBom("{\"a\":1}"), "application/json")), "a"));
        Assert.Equal("x", PowerShellValue.Member(GraphQLClient.Parse(Result(200, WithBom("{\"data\":{\"a\":\"x\"}}"), "application/json")).Data, "a"));
        Assert.Equal(
            "the answer",
            ServerMessage.Describe(Result(500, WithBom("{\"message\":\"the answer\"}"), "application/json")));
    }

    [Fact]
    public void A_token_answer_with_a_byte_order_mark_gives_its_token()
    {
        var token = TokenResponse.Parse(Result(200, WithBom("{\"token_type\":\"Bearer\",\"expires_in\":300,\"access_token\":\"abc\"}"), "application/json"), "client", Array.Empty<string>(), DateTimeOffset.UnixEpoch);

        Assert.Equal("abc", token.RevealPlainText());
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void Bad_text_in_an_error_answer_or_a_token_answer_is_never_a_raw_exception(string where, byte[] json)
    {
        var failure = ApiClient.Failure(Result(500, json, "application/json"));
        Assert.Equal("HttpError", failure.ErrorId);
        Assert.Contains("bytes of application/json", failure.Message);

        var token = Assert.Throws<DrupalException>(() => TokenResponse.Parse(Result(200, json, "application/json"), "client", Array.Empty<string>(), DateTimeOffset.UnixEpoch));
        Assert.Equal("InvalidTokenResponse", token.ErrorId);
        Assert.NotNull(where);
    }

    private static HttpResult Result(int status, byte[] body, string contentType) =>
        new(HttpMethod.Post, ApiUri, status, ReasonPhrases.For(status), contentType, body, null, TimeSpan.FromMilliseconds(5));

    private static byte[] Concat(string before, byte[] bytes, string after) =>
        Encoding.ASCII.GetBytes(before).Concat(bytes).Concat(Encoding.ASCII.GetBytes(after)).ToArray();
}
