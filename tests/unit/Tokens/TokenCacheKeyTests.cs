using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Tokens;

public sealed class TokenCacheKeyTests
{
    private static readonly Uri TokenUri = new("https://drupal.example.com/oauth/token");

    [Fact]
    public void Keys_of_the_same_token_url_client_and_scope_are_equal()
    {
        var a = new TokenCacheKey(TokenUri, "client", new[] { "a", "b" });
        var b = new TokenCacheKey(new Uri("https://drupal.example.com/oauth/token"), "client", new[] { "a", "b" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("https://other.example.com/oauth/token", "client", "a b")]
    [InlineData("https://drupal.example.com/oauth/token", "Client", "a b")]
    [InlineData("https://drupal.example.com/oauth/token", "client", "a")]
    [InlineData("https://drupal.example.com/oauth/token", "client", "b a")]
    public void Keys_differ_by_token_url_client_id_or_scope(string tokenUri, string clientId, string scope)
    {
        var key = new TokenCacheKey(TokenUri, "client", new[] { "a", "b" });
        var other = new TokenCacheKey(new Uri(tokenUri), clientId, scope.Split(' '));

        Assert.NotEqual(key, other);
    }

    [Fact]
    public void ToString_names_the_client_only()
    {
        Assert.Equal("client 'backend'", new TokenCacheKey(TokenUri, "backend", Array.Empty<string>()).ToString());
    }
}
