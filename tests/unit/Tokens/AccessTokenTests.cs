using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Tokens;

public sealed class AccessTokenTests
{
    private const string Value = "eyJ0eXAiOiJKV1QifQ.eyJzY29wZSI6W119.c2lnbmF0dXJl";
    private static readonly DateTimeOffset IssuedOn = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToString_never_shows_the_token()
    {
        var token = TestTokens.Make(Value, IssuedOn, TimeSpan.FromSeconds(300));

        Assert.DoesNotContain(Value, token.ToString());
        Assert.DoesNotContain("eyJ", token.ToString());
        Assert.Contains("Bearer", token.ToString());
        Assert.Contains("2025-06-01 12:05:00Z", token.ToString());
    }

    [Fact]
    public void No_public_property_holds_the_token()
    {
        var token = TestTokens.Make(Value, IssuedOn, TimeSpan.FromSeconds(300));

        foreach (var property in token.GetType().GetProperties())
        {
            Assert.DoesNotContain(Value, Convert.ToString(property.GetValue(token)) ?? string.Empty);
        }
    }

    [Fact]
    public void ToSecureString_gives_back_the_token_read_only()
    {
        var secure = TestTokens.Make(Value, IssuedOn, TimeSpan.FromSeconds(300)).ToSecureString();

        Assert.Equal(Value, Secrets.Plain(secure));
        Assert.True(secure.IsReadOnly());
    }

    [Fact]
    public void Expiry_counts_from_when_it_was_issued()
    {
        var token = TestTokens.Make(Value, IssuedOn, TimeSpan.FromSeconds(299.5));

        Assert.Equal(IssuedOn, token.IssuedOn);
        Assert.Equal(IssuedOn.AddSeconds(299.5), token.ExpiresOn);
        Assert.Equal("Bearer", token.TokenType);
    }

    [Fact]
    public void Scope_is_what_it_was_given()
    {
        var token = TestTokens.Make(Value, IssuedOn, TimeSpan.FromSeconds(300), "api_user", "content:read");

        Assert.Equal(new[] { "api_user", "content:read" }, token.Scope);
    }
}
