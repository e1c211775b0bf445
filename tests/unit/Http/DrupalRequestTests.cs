using System.Collections;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class DrupalRequestTests
{
    [Theory]
    [InlineData(null, "GET")]
    [InlineData("get", "GET")]
    [InlineData(" Post ", "POST")]
    [InlineData("patch", "PATCH")]
    [InlineData("PUT", "PUT")]
    [InlineData("Delete", "DELETE")]
    [InlineData("head", "HEAD")]
    [InlineData("options", "OPTIONS")]
    public void The_method_is_read_without_regard_to_case_and_defaults_to_GET(string? method, string expected)
    {
        Assert.Equal(expected, new DrupalRequest(method, "/jsonapi").Method.Method);
    }

    [Theory]
    [InlineData("FETCH")]
    [InlineData("TRACE")]
    [InlineData("")]
    public void Another_method_is_refused_listing_the_methods(string method)
    {
        var e = DrupalAssert.Fails("InvalidMethod", () => new DrupalRequest(method, "/jsonapi"));

        Assert.Equal(DrupalErrorCategory.InvalidArgument, e.Category);
        Assert.Contains("is not one of GET, POST, PATCH, PUT, DELETE, HEAD, OPTIONS", e.Message);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void A_body_on_a_GET_or_HEAD_is_refused_pointing_at_Query_and_the_other_methods(string method)
    {
        var e = DrupalAssert.Fails("BodyNotAllowed", () => new DrupalRequest(method, "/jsonapi", body: new Hashtable { ["a"] = 1 }));

        Assert.Contains($"A {method} request carries no body", e.Message);
        Assert.Contains("Pass -Query for parameters, or use -Method Post, Patch or Put.", e.Message);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("POST")]
    public void A_body_on_other_methods_is_allowed(string method)
    {
        Assert.Equal("x", new DrupalRequest(method, "/x", body: "x").Body);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData(" AUTHORIZATION ")]
    public void An_Authorization_header_is_refused_without_repeating_its_value(string name)
    {
        var e = DrupalAssert.Fails("AuthorizationHeaderRefused", () => new DrupalRequest("GET", "/jsonapi", headers: new Hashtable { [name] = "Bearer someone-elses-token" }));

        Assert.Contains("the connection sends its own access token", e.Message);
        Assert.Contains("Connect-DrupalApi -Name", e.Message);
        Assert.DoesNotContain("someone-elses-token", e.Message);
        Assert.Equal(name.Trim(), e.Target);
    }

    [Fact]
    public void Header_values_are_written_as_text_with_their_names_trimmed()
    {
        var request = new DrupalRequest("GET", "/x", headers: new Hashtable { [" X-Debug "] = true });

        Assert.Equal(new KeyValuePair<string, string>("X-Debug", "1"), Assert.Single(request.Headers));
        Assert.Equal("1", request.HeaderValue("x-debug"));
        Assert.Null(request.HeaderValue("Accept"));
    }

    [Fact]
    public void A_header_with_several_values_sends_them_all()
    {
        var request = new DrupalRequest("GET", "/x", headers: new Hashtable { ["Accept-Language"] = new[] { "es", "en;q=0.5" } });

        Assert.Equal("es, en;q=0.5", request.HeaderValue("Accept-Language"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData(" application/hal+json ", "application/hal+json")]
    public void A_blank_content_type_is_none_and_a_given_one_is_trimmed(string? given, string? expected)
    {
        Assert.Equal(expected, new DrupalRequest("POST", "/x", contentType: given).ContentType);
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void Only_POST_and_PATCH_are_not_safe_to_send_again(string method, bool idempotent)
    {
        Assert.Equal(idempotent, new DrupalRequest(method, "/x").IsIdempotent);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public void RetryNonIdempotent_makes_POST_and_PATCH_safe_to_send_again(string method)
    {
        Assert.True(new DrupalRequest(method, "/x", retryNonIdempotent: true).IsIdempotent);
    }
}
