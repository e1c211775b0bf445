using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Connections;

public sealed class ConnectionSettingsTests
{
    private const string Site = "https://drupal.example.com";

    [Theory]
    [InlineData("relative/path")]
    [InlineData("garbage")]
    [InlineData("drupal.example.com")]
    [InlineData("/drupal")]
    [InlineData("ftp://drupal.example.com")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:admin@example.com")]
    [InlineData("https://")]
    public void A_site_uri_that_is_not_absolute_http_or_https_is_refused(string uri)
    {
        var e = DrupalAssert.Fails("InvalidUri", () => Create(uri));

        Assert.Equal(DrupalErrorCategory.InvalidArgument, e.Category);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_site_uri_is_refused(string? uri)
    {
        DrupalAssert.Fails("MissingUri", () => Create(uri));
    }

    [Theory]
    [InlineData("https://drupal.example.com/?page=1")]
    [InlineData("https://drupal.example.com/#top")]
    public void A_site_uri_with_a_query_or_fragment_is_refused_without_repeating_them(string uri)
    {
        var e = DrupalAssert.Fails("InvalidUri", () => Create(uri));

        Assert.DoesNotContain("page=1", e.Message);
    }

    [Fact]
    public void A_site_uri_with_user_information_is_refused_without_repeating_the_password()
    {
        var e = DrupalAssert.Fails("InvalidUri", () => Create("https://backend:hunter2@drupal.example.com/"));

        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain("hunter2", Convert.ToString(e.Target));
    }

    [Theory]
    [InlineData("https://backend:hunter2@drupal.example.com/")]
    [InlineData("https://backend:hunter2@drupal example.com/")]
    [InlineData("https://backend:hunter2@drupal.example.com:port/")]
    [InlineData("https://backend:hun/ter2@drupal.example.com/")]
    [InlineData("backend:hunter2@drupal.example.com")]
    [InlineData("  http://:hunter2@127.0.0.1/")]
    public void A_site_uri_with_a_password_is_refused_without_showing_it_also_when_malformed(string uri)
    {
        var e = DrupalAssert.Fails("InvalidUri", () => Create(uri));

        Assert.Contains("names a user or password", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain("hun", Convert.ToString(e.Target));
    }

    [Fact]
    public void A_site_uri_with_user_information_is_refused()
    {
        DrupalAssert.Fails("InvalidUri", () => Create("https://backend:hunter2@drupal.example.com/"));
    }

    [Fact]
    public void Plain_http_to_another_host_is_refused_since_the_secret_would_travel_in_clear()
    {
        var e = DrupalAssert.Fails("InsecureHttp", () => Create("http://drupal.example.com"));

        Assert.Equal(DrupalErrorCategory.SecurityError, e.Category);
        Assert.Contains("-AllowInsecureHttp", e.Message);
    }

    [Fact]
    public void Plain_http_to_another_host_is_allowed_when_asked_for()
    {
        var settings = ConnectionSettings.Create("http://drupal.example.com", "backend", Secrets.Secure("s3cret"), allowInsecureHttp: true);

        Assert.Equal(new Uri("http://drupal.example.com/oauth/token"), settings.TokenUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost")]
    [InlineData("http://[::1]:8080")]
    public void Plain_http_to_loopback_is_allowed(string uri)
    {
        Assert.Equal("http", Create(uri).SiteUri.Scheme);
    }

    [Theory]
    [InlineData("https://drupal.example.com", "https://drupal.example.com/", "https://drupal.example.com/oauth/token", "https://drupal.example.com/graphql")]
    [InlineData("https://host.example.com/drupal", "https://host.example.com/drupal/", "https://host.example.com/drupal/oauth/token", "https://host.example.com/drupal/graphql")]
    [InlineData("https://host.example.com/drupal/", "https://host.example.com/drupal/", "https://host.example.com/drupal/oauth/token", "https://host.example.com/drupal/graphql")]
    [InlineData("  HTTPS://Host.Example.com:8443/a/b  ", "https://host.example.com:8443/a/b/", "https://host.example.com:8443/a/b/oauth/token", "https://host.example.com:8443/a/b/graphql")]
    public void Endpoints_are_resolved_beneath_the_sites_base_path(string site, string siteUri, string tokenUri, string graphQLUri)
    {
        var settings = Create(site);

        Assert.Equal(new Uri(siteUri), settings.SiteUri);
        Assert.Equal(new Uri(tokenUri), settings.TokenUri);
        Assert.Equal(new Uri(graphQLUri), settings.GraphQLUri);
    }

    [Theory]
    [InlineData("/oauth2/token", "https://host.example.com/drupal/oauth2/token")]
    [InlineData("oauth2/token", "https://host.example.com/drupal/oauth2/token")]
    [InlineData("/oauth/token?_format=json", "https://host.example.com/drupal/oauth/token?_format=json")]
    public void A_token_path_is_resolved_beneath_the_sites_base_path(string tokenPath, string tokenUri)
    {
        var settings = ConnectionSettings.Create("https://host.example.com/drupal", "backend", Secrets.Secure("s3cret"), tokenPath: tokenPath, graphQLPath: "/api/graphql");

        Assert.Equal(new Uri(tokenUri), settings.TokenUri);
        Assert.Equal(new Uri("https://host.example.com/drupal/api/graphql"), settings.GraphQLUri);
    }

    [Theory]
    [InlineData("https://elsewhere.example.com/oauth/token")]
    [InlineData("")]
    [InlineData("  ")]
    public void A_token_path_that_is_not_a_path_on_the_site_is_refused(string tokenPath)
    {
        var e = DrupalAssert.Fails("InvalidPath", () => ConnectionSettings.Create(Site, "backend", Secrets.Secure("s3cret"), tokenPath: tokenPath));

        Assert.Contains("-TokenPath", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_client_id_is_refused(string? clientId)
    {
        var e = DrupalAssert.Fails("MissingClientId", () => ConnectionSettings.Create(Site, clientId, Secrets.Secure("s3cret")));

        Assert.Contains("DRUPAL_CLIENT_ID", e.Message);
    }

    [Fact]
    public void A_missing_secret_is_refused_naming_the_client()
    {
        var e = DrupalAssert.Fails("MissingClientSecret", () => ConnectionSettings.Create(Site, "backend", null));

        Assert.Contains("'backend'", e.Message);
    }

    [Fact]
    public void An_empty_secret_is_refused()
    {
        DrupalAssert.Fails("MissingClientSecret", () => ConnectionSettings.Create(Site, "backend", Secrets.Secure(string.Empty)));
    }

    [Fact]
    public void A_client_id_with_a_colon_cannot_use_Basic_authentication()
    {
        var e = DrupalAssert.Fails("ClientIdNotBasicCompatible", () =>
            ConnectionSettings.Create(Site, "tenant:backend", Secrets.Secure("s3cret"), clientAuthentication: ClientAuthentication.Basic));

        Assert.Contains("-ClientAuthentication Body", e.Message);
    }

    [Fact]
    public void A_client_id_with_a_colon_can_use_the_body()
    {
        Assert.Equal("tenant:backend", ConnectionSettings.Create(Site, "tenant:backend", Secrets.Secure("s3cret")).ClientId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_timeout_that_is_not_positive_is_refused(int timeoutSec)
    {
        DrupalAssert.Fails("InvalidTimeout", () => ConnectionSettings.Create(Site, "backend", Secrets.Secure("s3cret"), timeoutSec: timeoutSec));
    }

    [Theory]
    [InlineData(-1, 1, "-MaximumRetryCount must be 0 or more, not -1.")]
    [InlineData(3, -1, "-RetryIntervalSec must be 0 or more, not -1.")]
    [InlineData(int.MinValue, int.MinValue, "-MaximumRetryCount must be 0 or more, not -2147483648.")]
    public void A_negative_retry_count_or_interval_is_refused_by_name(int maximumRetryCount, int retryIntervalSec, string message)
    {
        var e = DrupalAssert.Fails("InvalidRetry", () => ConnectionSettings.Create(Site, "backend", Secrets.Secure("s3cret"), maximumRetryCount: maximumRetryCount, retryIntervalSec: retryIntervalSec));

        Assert.Equal(DrupalErrorCategory.InvalidArgument, e.Category);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void No_retries_and_no_backoff_are_allowed()
    {
        var settings = ConnectionSettings.Create(Site, "backend", Secrets.Secure("s3cret"), maximumRetryCount: 0, retryIntervalSec: 0);

        Assert.Equal(0, settings.MaximumRetryCount);
        Assert.Equal(TimeSpan.Zero, settings.RetryInterval);
    }

    [Fact]
    public void Retry_settings_and_the_certificate_check_are_kept_as_given()
    {
        var settings = ConnectionSettings.Create(Site, "backend", Secrets.Secure("s3cret"), maximumRetryCount: 7, retryIntervalSec: 5, skipCertificateCheck: true);

        Assert.Equal(7, settings.MaximumRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.RetryInterval);
        Assert.True(settings.SkipCertificateCheck);
    }

    [Fact]
    public void Defaults_are_three_retries_a_one_second_backoff_and_the_certificate_checked()
    {
        var settings = Create(Site);

        Assert.Equal(3, settings.MaximumRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.RetryInterval);
        Assert.False(settings.SkipCertificateCheck);
    }

    [Fact]
    public void Defaults_are_the_default_name_the_body_and_100_seconds()
    {
        var settings = Create(Site);

        Assert.Equal("default", settings.Name);
        Assert.Equal(ClientAuthentication.Body, settings.ClientAuthentication);
        Assert.Equal(TimeSpan.FromSeconds(100), settings.Timeout);
        Assert.Empty(settings.Scope);
    }

    [Fact]
    public void Scopes_are_split_at_spaces_and_each_kept_once()
    {
        var settings = ConnectionSettings.Create(Site, "backend", Secrets.Secure("s3cret"), new[] { "a b", "c", " a  ", null!, "" });

        Assert.Equal(new[] { "a", "b", "c" }, settings.Scope);
    }

    [Fact]
    public void Name_and_client_id_are_trimmed()
    {
        var settings = ConnectionSettings.Create(Site, "  backend ", Secrets.Secure("s3cret"), name: " staging ");

        Assert.Equal("backend", settings.ClientId);
        Assert.Equal("staging", settings.Name);
    }

    [Fact]
    public void The_secret_is_kept_as_a_read_only_copy()
    {
        var given = Secrets.Secure("s3cret");

        var settings = ConnectionSettings.Create(Site, "backend", given);
        given.Clear();

        Assert.True(settings.ClientSecret.IsReadOnly());
        Assert.Equal("s3cret", settings.GetCredential().Password);
        Assert.Equal("backend", settings.GetCredential().UserName);
    }

    [Fact]
    public void No_public_property_holds_the_secret()
    {
        var settings = Create(Site);

        foreach (var property in settings.GetType().GetProperties())
        {
            Assert.DoesNotContain("s3cret", Convert.ToString(property.GetValue(settings)) ?? string.Empty);
        }
    }

    private static ConnectionSettings Create(string? site) => ConnectionSettings.Create(site, "backend", Secrets.Secure("s3cret"));
}
