using System.Net.Http;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

/// <summary>Every request is made here, so no caller can add a header that breaks the request apart.</summary>
public sealed class OutgoingRequestTests
{
    private static readonly Uri Target = new("https://drupal.example.com/jsonapi");

    [Theory]
    [InlineData("X-A", "v\r\nX-B: 1")]
    [InlineData("X-A", "v\n")]
    [InlineData("X-A", "v\0")]
    [InlineData("X A", "v")]
    [InlineData("X-A:", "v")]
    public void A_header_that_would_break_the_request_is_refused_when_the_request_is_made(string name, string value)
    {
        DrupalAssert.Fails("InvalidHeader", () => new OutgoingRequest(HttpMethod.Get, Target, headers: new[] { new KeyValuePair<string, string>(name, value) }));
    }

    [Fact]
    public void An_accept_or_authorization_value_with_a_line_break_is_refused()
    {
        var request = new OutgoingRequest(HttpMethod.Get, Target);

        DrupalAssert.Fails("InvalidHeader", () => new OutgoingRequest(HttpMethod.Get, Target, accept: "application/json\r\nX-B: 1"));
        var e = DrupalAssert.Fails("InvalidHeader", () => request.WithAuthorization("Bearer abc\r\nX-B: 1"));
        Assert.DoesNotContain("abc", e.Message);
    }

    [Fact]
    public void An_address_with_a_password_is_refused_without_showing_it()
    {
        var e = DrupalAssert.Fails("InvalidPath", () => new OutgoingRequest(HttpMethod.Get, new Uri("https://user:hunter2@drupal.example.com/jsonapi")));

        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain("hunter2", Convert.ToString(e.Target));
    }
}
