using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Tokens;

public sealed class TokenCacheKeyTests
{
    private static readonly Uri TokenUri = new("https://drupal.example.com/oauth/token");

    [Fact]
    public void Keys_of_the_same_token_url_client_scope_and_secret_are_equal()
    {
        var a = new TokenCacheKey(TokenUri, "client", new[] { "a", "b" }, Fingerprint("secret"));
        var b = new TokenCacheKey(new Uri("https://drupal.example.com/oauth/token"), "client", new[] { "a", "b" }, Fingerprint("secret"));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("https://other.example.com/oauth/token", "client", "a b", "secret")]
    [InlineData("https://drupal.example.com/oauth/token", "Client", "a b", "secret")]
    [InlineData("https://drupal.example.com/oauth/token", "client", "a", "secret")]
    [InlineData("https://drupal.example.com/oauth/token", "client", "b a", "secret")]
    [InlineData("https://drupal.example.com/oauth/token", "client", "a b", "Secret")]
    [InlineData("https://drupal.example.com/oauth/token", "client", "a b", "secret ")]
    public void Keys_differ_by_token_url_client_id_scope_or_secret(string tokenUri, string clientId, string scope, string secret)
    {
        var key = new TokenCacheKey(TokenUri, "client", new[] { "a", "b" }, Fingerprint("secret"));
        var other = new TokenCacheKey(new Uri(tokenUri), clientId, scope.Split(' '), Fingerprint(secret));

        Assert.NotEqual(key, other);
    }

    [Fact]
    public void ToString_names_the_client_only()
    {
        Assert.Equal("client 'backend'", new TokenCacheKey(TokenUri, "backend", Array.Empty<string>(), Fingerprint("secret")).ToString());
    }

    [Fact]
    public void The_fingerprint_is_a_keyed_hash_that_holds_nothing_of_the_secret()
    {
        var fingerprint = Fingerprint("backend-secret");

        Assert.Equal(fingerprint, Fingerprint("backend-secret"));
        Assert.DoesNotContain("backend", fingerprint, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(44, fingerprint.Length);
    }

    private static string Fingerprint(string secret) => SecretFingerprint.Of(DrupalOAuth.Tests.Support.Secrets.Secure(secret));
}
