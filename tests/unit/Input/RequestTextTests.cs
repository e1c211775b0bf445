using DrupalOAuth.Input;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Input;

public sealed class RequestTextTests
{
    [Theory]
    [InlineData("X-Request-Id")]
    [InlineData("x_a.b~c!#$%&'*+^`|")]
    public void A_header_name_that_is_an_RFC_7230_token_passes(string name)
    {
        Assert.Equal(name, RequestText.HeaderName(name, "-Headers"));
    }

    [Theory]
    [InlineData("X A")]
    [InlineData("X-A:")]
    [InlineData("X-A\r\nX-B")]
    [InlineData("X-A\n")]
    [InlineData("X-\0")]
    [InlineData("(X)")]
    [InlineData("Ä")]
    [InlineData("")]
    public void A_header_name_that_is_no_token_is_refused(string name)
    {
        var e = DrupalAssert.Fails("InvalidHeader", () => RequestText.HeaderName(name, "-Headers"));

        Assert.StartsWith("-Headers: ", e.Message);
        Assert.Contains("Nothing was sent", e.Message);
        Assert.DoesNotContain("\r", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("v\r\n\r\nDELETE /jsonapi/node/article/1 HTTP/1.1\r\nHost: x", "U+000D at position 2")]
    [InlineData("v\nX-B: 1", "U+000A at position 2")]
    [InlineData("v\rX-B: 1", "U+000D at position 2")]
    [InlineData("v\0", "U+0000 at position 2")]
    [InlineData("\u007f", "U+007F at position 1")]
    [InlineData("caf\u00e9", "U+00E9 at position 4")]
    public void A_header_value_with_a_control_character_is_refused_and_not_printed(string value, string said)
    {
        var e = DrupalAssert.Fails("InvalidHeader", () => RequestText.HeaderValue(value, "X-A", "-Headers"));

        Assert.Contains("the value of the header 'X-A' holds " + said, e.Message);
        Assert.DoesNotContain("DELETE", e.Message);
        Assert.Equal("X-A", e.Target);
    }

    [Fact]
    public void A_header_value_may_hold_spaces_tabs_and_printable_ASCII()
    {
        Assert.Equal("a b\tc, \"d\"; q=0.5", RequestText.HeaderValue("a b\tc, \"d\"; q=0.5", "X-A", "-Headers"));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData(" ", "is empty")]
    [InlineData(".", "is a path step")]
    [InlineData("..", "is a path step")]
    [InlineData("a/b", "holds '/'")]
    [InlineData("a\\b", "holds '/'")]
    [InlineData("?x", "holds '/'")]
    [InlineData("a#b", "holds '/'")]
    [InlineData("a%2Fb", "encoded slash")]
    [InlineData("a%2fb", "encoded slash")]
    [InlineData("a%5Cb", "encoded slash")]
    [InlineData("a%5cb", "encoded slash")]
    [InlineData("a\r\nb", "control character (U+000D at position 2)")]
    [InlineData("a\tb", "control character (U+0009 at position 2)")]
    public void A_segment_that_would_address_another_resource_is_refused(string id, string said)
    {
        var e = DrupalAssert.Fails("InvalidId", () => RequestText.Segment(id, "-Id", "InvalidId", "a UUID"));

        Assert.Contains(said, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("00000001-d7a1-4c3e-9f00-000000000001")]
    [InlineData(" 42 ")]
    [InlineData("a.b")]
    [InlineData("...")]
    [InlineData("a%20b")]
    public void A_segment_of_one_step_passes_trimmed(string id)
    {
        Assert.Equal(id.Trim(), RequestText.Segment(id, "-Id", "InvalidId", "a UUID"));
    }

    [Theory]
    [InlineData("http://user:pw@example.com/x", "http://example.com/x")]
    [InlineData("https://user:pw@example.com:8443/", "https://example.com:8443/")]
    [InlineData("http://:pw@example.com/", "http://example.com/")]
    [InlineData("http://user:p/w@example.com/x", "http://example.com/x")]
    [InlineData("http://user:p@w@exa mple.com", "http://exa mple.com")]
    [InlineData("//user:pw@example.com/x", "//example.com/x")]
    [InlineData("user:pw@example.com", "example.com")]
    public void An_address_with_user_information_is_shown_without_it(string address, string shown)
    {
        Assert.True(RequestText.HasUserInformation(address));
        Assert.Equal(shown, RequestText.Printable(address));
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("node/1?mail=a@example.com")]
    [InlineData("/user/@me")]
    [InlineData("https://example.com/x?mail=a@example.com")]
    public void An_at_sign_in_a_path_or_query_is_data(string address)
    {
        Assert.False(RequestText.HasUserInformation(address));
        Assert.Equal(address, RequestText.Printable(address));
    }

    [Fact]
    public void Control_characters_are_shown_escaped()
    {
        Assert.Equal("a\\u000D\\u000Ab", RequestText.Printable("a\r\nb"));
    }
}
