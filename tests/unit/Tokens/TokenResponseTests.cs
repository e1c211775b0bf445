using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Tokens;

public sealed class TokenResponseTests
{
    private const string ClientId = "backend";
    private static readonly DateTimeOffset IssuedOn = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] RequestedScope = { "content:read" };

    [Theory]
    [InlineData("300", 300)]
    [InlineData("299", 299)]
    [InlineData("3600", 3600)]
    [InlineData("299.85987", 299.85987)]
    public void A_token_expires_expires_in_seconds_after_it_was_requested(string expiresIn, double seconds)
    {
        var token = Parse(HttpResults.Json(200, $"{{\"token_type\":\"Bearer\",\"expires_in\":{expiresIn},\"access_token\":\"opaque\"}}"));

        Assert.Equal("opaque", token.RevealPlainText());
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(IssuedOn, token.IssuedOn);
        Assert.Equal(seconds, (token.ExpiresOn - IssuedOn).TotalSeconds, 3);
    }

    [Fact]
    public void Without_expires_in_the_token_lives_Simple_OAuths_default_300_seconds()
    {
        var token = Parse(HttpResults.Json(200, "{\"token_type\":\"Bearer\",\"access_token\":\"opaque\"}"));

        Assert.Equal(IssuedOn.AddSeconds(300), token.ExpiresOn);
    }

    [Fact]
    public void The_scope_claim_of_a_JWT_becomes_the_token_scope()
    {
        var jwt = TestTokens.Jwt("{\"aud\":\"backend\",\"exp\":1795906763.85987,\"scope\":[\"api_user\",\"content:read\"],\"iss\":\"https://127.0.0.1/\"}");

        var token = Parse(Success(jwt));

        Assert.Equal(new[] { "api_user", "content:read" }, token.Scope);
        Assert.Equal(jwt, token.RevealPlainText());
    }

    [Fact]
    public void A_space_separated_scope_claim_is_split()
    {
        var token = Parse(Success(TestTokens.Jwt("{\"scope\":\"a b\"}")));

        Assert.Equal(new[] { "a", "b" }, token.Scope);
    }

    [Theory]
    [InlineData("opaque-token-without-dots")]
    [InlineData("a.b")]
    [InlineData("head.!!!not-base64!!!.sig")]
    public void A_token_that_is_not_a_JWT_carries_the_requested_scope(string value)
    {
        Assert.Equal(RequestedScope, Parse(Success(value)).Scope);
    }

    [Fact]
    public void A_JWT_without_a_scope_claim_carries_the_requested_scope()
    {
        Assert.Equal(RequestedScope, Parse(Success(TestTokens.Jwt("{\"aud\":\"backend\"}"))).Scope);
    }

    [Fact]
    public void A_lower_case_bearer_token_type_is_sent_as_Bearer_since_Drupal_matches_case_sensitively()
    {
        var token = Parse(HttpResults.Json(200, "{\"token_type\":\"bearer\",\"expires_in\":300,\"access_token\":\"opaque\"}"));

        Assert.Equal("Bearer", token.TokenType);
    }

    [Fact]
    public void A_token_type_other_than_Bearer_is_refused()
    {
        var e = Fails("InvalidTokenResponse", HttpResults.Json(200, "{\"token_type\":\"mac\",\"expires_in\":300,\"access_token\":\"opaque\"}"));

        Assert.Contains("'mac'", e.Message);
        Assert.Contains(ClientId, e.Message);
    }

    [Fact]
    public void A_success_without_an_access_token_is_refused()
    {
        var e = Fails("InvalidTokenResponse", HttpResults.Json(200, "{\"token_type\":\"Bearer\",\"expires_in\":300}"));

        Assert.Contains(HttpResults.TokenUri.ToString(), e.Message);
    }

    public static TheoryData<int, string, string, DrupalErrorCategory, string> DrupalTokenErrors => new()
    {
        {
            401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
            "InvalidClient", DrupalErrorCategory.AuthenticationError, "Client authentication failed"
        },
        {
            400, "{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.\",\"hint\":\"Check the `scope` parameter\"}",
            "ScopeRequired", DrupalErrorCategory.InvalidArgument, "Check the `scope` parameter"
        },
        {
            400, "{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.\",\"hint\":\"Check the `client_secret` parameter\"}",
            "InvalidRequest", DrupalErrorCategory.InvalidArgument, "Check the `client_secret` parameter"
        },
        {
            400, "{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.\",\"hint\":\"Check the `client_id` parameter\"}",
            "InvalidRequest", DrupalErrorCategory.InvalidArgument, "Check the `client_id` parameter"
        },
        {
            400, "{\"error\":\"invalid_scope\",\"error_description\":\"The requested scope is invalid, unknown, or malformed\",\"hint\":\"Check the `content:write` scope\"}",
            "InvalidScope", DrupalErrorCategory.InvalidArgument, "Check the `content:write` scope"
        },
        {
            400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"The authorization grant type is not supported by the authorization server.\",\"hint\":\"Check that all required parameters have been provided\"}",
            "UnsupportedGrantType", DrupalErrorCategory.InvalidOperation, "The authorization grant type is not supported by the authorization server"
        },
        {
            500, "{\"error\":\"server_error\",\"error_description\":\"The authorization server encountered an unexpected condition which prevented it from fulfilling the request: Invalid default user for client.\"}",
            "ConsumerWithoutUser", DrupalErrorCategory.InvalidOperation, "Invalid default user for client"
        },
        {
            401, "{\"error\":\"access_denied\",\"error_description\":\"Request timed out. Could not acquire lock.\"}",
            "TokenRequestBusy", DrupalErrorCategory.ResourceUnavailable, "Could not acquire lock"
        },
        {
            401, "{\"error\":\"access_denied\",\"error_description\":\"The resource owner or authorization server denied the request.\"}",
            "TokenRequestFailed", DrupalErrorCategory.InvalidResult, "The resource owner or authorization server denied the request"
        },
        {
            500, "{\"error\":\"server_error\",\"error_description\":\"The authorization server encountered an unexpected condition which prevented it from fulfilling the request.\"}",
            "TokenRequestFailed", DrupalErrorCategory.ResourceUnavailable, "unexpected condition"
        },
    };

    [Theory]
    [MemberData(nameof(DrupalTokenErrors))]
    public void Each_Drupal_token_error_gets_its_own_ErrorId_and_a_message_with_the_client_the_url_and_Drupals_words(
        int status, string body, string errorId, DrupalErrorCategory category, string drupalSaid)
    {
        var e = Fails(errorId, HttpResults.Json(status, body));

        Assert.Equal(category, e.Category);
        Assert.Contains($"'{ClientId}'", e.Message);
        Assert.Contains(HttpResults.TokenUri.ToString(), e.Message);
        Assert.Contains(drupalSaid, e.Message);
        Assert.Equal(HttpResults.TokenUri, e.Target);
    }

    [Fact]
    public void An_error_in_a_200_answer_is_still_an_error()
    {
        Fails("InvalidClient", HttpResults.Json(200, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
    }

    [Fact]
    public void League_8_errors_with_only_a_message_are_read_too()
    {
        var e = Fails("InvalidClient", HttpResults.Json(401, "{\"error\":\"invalid_client\",\"message\":\"Client authentication failed\"}"));

        Assert.Contains("Client authentication failed", e.Message);
    }

    [Fact]
    public void League_8_errors_with_description_and_message_say_it_once()
    {
        var e = Fails("InvalidClient", HttpResults.Json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\",\"message\":\"Client authentication failed\"}"));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(e.Message, "Client authentication failed"));
    }

    [Theory]
    [InlineData(500, DrupalErrorCategory.ResourceUnavailable)]
    [InlineData(502, DrupalErrorCategory.ResourceUnavailable)]
    [InlineData(503, DrupalErrorCategory.ResourceUnavailable)]
    [InlineData(405, DrupalErrorCategory.InvalidResult)]
    public void An_HTML_error_page_fails_the_request_naming_its_title(int status, DrupalErrorCategory category)
    {
        var e = Fails("TokenRequestFailed", HttpResults.Html(status, "Error | My Site"));

        Assert.Equal(category, e.Category);
        Assert.Contains("'Error | My Site'", e.Message);
        Assert.Contains(status.ToString(), e.Message);
        Assert.Contains(HttpResults.TokenUri.ToString(), e.Message);
        Assert.DoesNotContain("<html", e.Message);
    }

    [Theory]
    [InlineData("text/html", "<html><head><title>Error | My Site</title></head></html>")]
    [InlineData("application/json", "{\"error\":\"server_error\",\"error_description\":\"Busy\"}")]
    public void A_failure_that_retries_did_not_cure_says_how_often_it_came_back(string contentType, string body)
    {
        var result = HttpResults.Make(503, body, contentType, HttpResults.TokenUri);
        result.Retries = 3;

        Assert.Contains("failed with 503 Service Unavailable 4 times in a row:", Fails("TokenRequestFailed", result).Message);
    }

    [Fact]
    public void A_404_means_there_is_no_token_endpoint_there()
    {
        var e = Fails("TokenEndpointNotFound", HttpResults.Html(404, "Page not found | My Site"));

        Assert.Equal(DrupalErrorCategory.ObjectNotFound, e.Category);
        Assert.Contains(HttpResults.TokenUri.ToString(), e.Message);
        Assert.Contains("Page not found | My Site", e.Message);
    }

    [Fact]
    public void A_404_with_a_JSON_body_also_means_there_is_no_token_endpoint_there()
    {
        Fails("TokenEndpointNotFound", HttpResults.Json(404, "{\"message\":\"No route found for \\\"POST /oauth/tokn\\\"\"}"));
    }

    [Theory]
    [InlineData("<html><head><title>Welcome | My Site</title></head></html>", "text/html", "Welcome | My Site")]
    [InlineData("", "text/html", "an empty body")]
    [InlineData("[1,2]", "application/json", "bytes of application/json")]
    public void A_200_that_is_not_a_JSON_token_object_is_an_invalid_token_response(string body, string contentType, string described)
    {
        var e = Fails("InvalidTokenResponse", HttpResults.Make(200, body, contentType));

        Assert.Contains(described, e.Message);
        Assert.Contains("-TokenPath", e.Message);
    }

    [Theory]
    [InlineData("abc\\r\\nX-Injected: 1", "U+000D at position 4")]
    [InlineData("abc\\nX-Injected: 1", "U+000A at position 4")]
    [InlineData("abc\\u0000", "U+0000 at position 4")]
    [InlineData("abc\\u00e9", "U+00E9 at position 4")]
    public void An_access_token_with_a_character_no_token_holds_is_refused_without_showing_it(string escaped, string said)
    {
        var e = Fails("InvalidTokenResponse", Success(escaped));

        Assert.Contains(said, e.Message);
        Assert.DoesNotContain("abc", e.Message);
        Assert.DoesNotContain("Injected", e.Message);
    }

    [Fact]
    public void An_access_token_longer_than_a_SecureString_holds_is_refused()
    {
        var e = Fails("InvalidTokenResponse", Success(new string('a', 100 * 1024)));

        Assert.Contains("more than the 65,536 a SecureString holds", e.Message);
        Assert.DoesNotContain("aaaa", e.Message);
    }

    [Fact]
    public void An_access_token_as_long_as_a_SecureString_holds_is_taken()
    {
        var token = Parse(Success(new string('a', 65536)));

        Assert.Equal(65536, token.ToSecureString().Length);
    }

    [Theory]
    [InlineData("1e12")]
    [InlineData("1e400")]
    [InlineData("\"1e12\"")]
    [InlineData("86400")]
    [InlineData("31536000")]
    public void A_lifetime_longer_than_a_day_is_cut_to_a_day(string expiresIn)
    {
        var token = Parse(HttpResults.Json(200, $"{{\"token_type\":\"Bearer\",\"expires_in\":{expiresIn},\"access_token\":\"opaque\"}}"));

        Assert.Equal(IssuedOn + TokenResponse.MaximumLifetime, token.ExpiresOn);
        Assert.Equal(TimeSpan.FromDays(1), TokenResponse.MaximumLifetime);
    }

    [Theory]
    [InlineData("\"3600\"", 3600)]
    [InlineData("null", 300)]
    public void A_lifetime_as_a_string_is_read_and_null_is_the_default(string expiresIn, double seconds)
    {
        var token = Parse(HttpResults.Json(200, $"{{\"token_type\":\"Bearer\",\"expires_in\":{expiresIn},\"access_token\":\"opaque\"}}"));

        Assert.Equal(seconds, (token.ExpiresOn - IssuedOn).TotalSeconds, 3);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("-1e400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"soon\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void A_lifetime_that_is_no_positive_number_is_refused(string expiresIn)
    {
        var e = Fails("InvalidTokenResponse", HttpResults.Json(200, $"{{\"token_type\":\"Bearer\",\"expires_in\":{expiresIn},\"access_token\":\"opaque\"}}"));

        Assert.Contains("expires_in " + expiresIn, e.Message);
        Assert.Contains("not a positive number of seconds", e.Message);
        Assert.DoesNotContain("opaque", e.Message);
    }

    private static AccessToken Parse(HttpResult result) => TokenResponse.Parse(result, ClientId, RequestedScope, IssuedOn);

    private static DrupalException Fails(string errorId, HttpResult result) => DrupalAssert.Fails(errorId, () => Parse(result));

    private static HttpResult Success(string accessToken) =>
        HttpResults.Json(200, $"{{\"token_type\":\"Bearer\",\"expires_in\":300,\"access_token\":\"{accessToken}\"}}");
}
