using System.Collections;
using System.Management.Automation;
using System.Text;
using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Connections;

public sealed class DrupalConnectionTests : IDisposable
{
    private readonly FakeDrupal _drupal = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _drupal.Dispose();

    [Fact]
    public async Task Open_posts_the_client_credentials_in_a_form_body()
    {
        await Open(_drupal.Settings(scope: new[] { "api_user content:read", "content:write" }));

        var request = Assert.Single(_drupal.TokenRequests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "backend",
                ["client_secret"] = FakeDrupal.ClientSecret,
                ["scope"] = "api_user content:read content:write",
            },
            request.Form);
    }

    [Fact]
    public async Task Without_scopes_no_scope_is_sent_so_Drupal_uses_the_consumers_defaults()
    {
        await Open(_drupal.Settings());

        Assert.Equal(new[] { "client_id", "client_secret", "grant_type" }, Assert.Single(_drupal.TokenRequests).Form.Keys.Order());
    }

    [Fact]
    public async Task Basic_authentication_sends_base64_of_the_raw_id_and_secret_and_no_secret_in_the_body()
    {
        await Open(_drupal.Settings(clientId: "sp%ce", scope: new[] { "a", "b" }, clientAuthentication: ClientAuthentication.Basic));

        var request = Assert.Single(_drupal.TokenRequests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sp%ce:" + FakeDrupal.ClientSecret)), request.Header("Authorization"));
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "a b" }, request.Form);
        Assert.DoesNotContain("s3cr", request.BodyText);
    }

    [Fact]
    public async Task Open_gets_a_token_at_once_and_shows_when_it_expires()
    {
        _drupal.ExpiresIn = 3600;
        var openedAt = _drupal.Clock.UtcNow;

        var connection = await Open(_drupal.Settings(name: "live"));

        Assert.Equal(openedAt.AddSeconds(3600), connection.TokenExpiresOn);
        Assert.Equal("live", connection.Name);
        Assert.Equal(_drupal.SiteUri, connection.SiteUri);
        Assert.Equal(10, connection.TimeoutSec);
        Assert.False(connection.IsCurrent);
    }

    [Fact]
    public async Task Open_with_a_base_path_asks_the_token_endpoint_beneath_it()
    {
        using var drupal = new FakeDrupal("/drupal");

        await drupal.OpenAsync(drupal.Settings());

        Assert.Equal("/drupal/oauth/token", Assert.Single(drupal.TokenRequests).Target);
    }

    [Fact]
    public async Task GraphQL_posts_the_operation_as_JSON_with_the_bearer_token_and_returns_the_data()
    {
        var connection = await Open(_drupal.Settings());

        var response = await connection.InvokeGraphQLAsync(
            new GraphQLRequest("query Articles($limit: Int) { articles(limit: $limit) { total } }", new Hashtable { ["limit"] = 10 }, "Articles"),
            _log,
            CancellationToken.None);

        var request = Assert.Single(_drupal.GraphQLRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer drupal-token-1", request.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("{\"query\":\"query Articles($limit: Int) { articles(limit: $limit) { total } }\",\"variables\":{\"limit\":10},\"operationName\":\"Articles\"}", request.BodyText);
        var articles = (PSObject)((PSObject)response.Data!).Properties["articles"].Value;
        Assert.Equal(25L, articles.Properties["total"].Value);
    }

    [Fact]
    public async Task Calls_reuse_the_token_of_the_connection()
    {
        var connection = await Open(_drupal.Settings());

        await Query(connection);
        await Query(connection);

        Assert.Single(_drupal.TokenRequests);
        Assert.Equal(2, _drupal.GraphQLRequests.Count);
    }

    [Fact]
    public async Task A_call_after_the_renewal_time_gets_a_new_token_first()
    {
        var connection = await Open(_drupal.Settings());
        _drupal.Clock.Advance(TimeSpan.FromSeconds(270));

        await Query(connection);

        Assert.Equal(2, _drupal.TokenRequests.Count);
        Assert.Equal("Bearer drupal-token-2", Assert.Single(_drupal.GraphQLRequests).Header("Authorization"));
    }

    [Fact]
    public async Task A_token_refused_once_is_replaced_and_the_call_retried()
    {
        var connection = await Open(_drupal.Settings());
        _drupal.RejectNextGraphQLRequests(1);

        var response = await Query(connection);

        Assert.True(response.HasData);
        Assert.Equal(2, _drupal.TokenRequests.Count);
        Assert.Equal(new[] { "Bearer drupal-token-1", "Bearer drupal-token-2" }, _drupal.GraphQLRequests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_token_refused_twice_is_Unauthorized()
    {
        var connection = await Open(_drupal.Settings());
        _drupal.RejectNextGraphQLRequests(2);

        var e = await DrupalAssert.FailsAsync("Unauthorized", () => Query(connection));

        Assert.Contains("Access token could not be verified", e.Message);
    }

    [Fact]
    public async Task Connections_of_the_same_client_and_scope_share_one_token()
    {
        var first = await Open(_drupal.Settings(name: "a"));
        var second = await Open(_drupal.Settings(name: "b"));

        await Query(first);
        await Query(second);

        Assert.Equal(2, _drupal.TokenRequests.Count);
        Assert.All(_drupal.GraphQLRequests, r => Assert.Equal("Bearer drupal-token-2", r.Header("Authorization")));
    }

    [Fact]
    public async Task Bad_credentials_fail_Open_with_InvalidClient_naming_the_client_and_never_the_secret()
    {
        _drupal.TokenError = (401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\",\"message\":\"Client authentication failed\"}");

        var e = await DrupalAssert.FailsAsync("InvalidClient", () => Open(_drupal.Settings()));

        Assert.Contains("'backend'", e.Message);
        Assert.Contains(new Uri(_drupal.SiteUri, "oauth/token").ToString(), e.Message);
        Assert.Contains("Client authentication failed", e.Message);
        Assert.DoesNotContain("s3cr", e.Message);
        Assert.DoesNotContain("s3cr", e.ToString());
    }

    [Fact]
    public async Task A_site_that_is_down_fails_Open_with_ConnectionFailed()
    {
        var settings = ConnectionSettings.Create($"http://127.0.0.1:{LocalHttpServer.ClosedPort()}", "backend", Secrets.Secure(FakeDrupal.ClientSecret));

        await DrupalAssert.FailsAsync("ConnectionFailed", () => Open(settings));

        Assert.Null(_drupal.Tokens.Peek(new TokenCacheKey(settings.TokenUri, settings.ClientId, settings.Scope, settings.SecretFingerprint)));
    }

    [Fact]
    public async Task The_log_tells_the_story_without_the_secret_or_the_token()
    {
        var connection = await Open(_drupal.Settings());
        _drupal.RejectNextGraphQLRequests(1);
        await Query(connection);

        Assert.Contains(_log.Lines, line => line.Contains("Requesting a token for client 'backend'"));
        Assert.Contains(_log.Lines, line => line.Contains("Drupal refused the token"));
        Assert.DoesNotContain("s3cr", _log.AllText);
        Assert.DoesNotContain("drupal-token-", _log.AllText);
    }

    [Fact]
    public async Task ToString_names_the_connection_without_secrets()
    {
        var connection = await Open(_drupal.Settings(name: "live"));

        Assert.Equal($"live: client 'backend' at {_drupal.SiteUri}", connection.ToString());
    }

    [Fact]
    public async Task Identity_comes_from_the_debug_route_where_the_user_may_call_it()
    {
        var connection = await OpenAsUser();
        _drupal.DebugAnswer = (200, FakeDrupal.DebugJson(_drupal.LatestToken), "application/json");

        var identity = await connection.GetIdentityAsync(_log, CancellationToken.None);

        Assert.Equal("/oauth/debug", identity.Source);
        Assert.Equal("2", identity.UserId);
        Assert.Equal(new[] { "authenticated", "api_user" }, identity.Roles);
        Assert.Equal(new[] { "access content", "execute graphql_server arbitrary graphql requests" }, identity.Permissions);
        Assert.Equal(new[] { "authenticated", "api_user" }, identity.Scope);
        Assert.Equal("default", identity.ConnectionName);
        Assert.Equal("backend", identity.ClientId);
        Assert.Equal(_drupal.SiteUri, identity.SiteUri);
        Assert.False(identity.IsAdministrator);
    }

    [Theory]
    [InlineData(403, FakeDrupal.DebugForbiddenJson, "application/json")]
    [InlineData(200, "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html")]
    [InlineData(0, null, null)]
    public async Task Identity_comes_from_the_token_claims_where_the_debug_route_is_closed_missing_or_not_JSON(int status, string? body, string? contentType)
    {
        var connection = await OpenAsUser();
        _drupal.DebugAnswer = status == 0 ? null : (status, body!, contentType!);

        var identity = await connection.GetIdentityAsync(_log, CancellationToken.None);

        Assert.Equal("token claims", identity.Source);
        Assert.Equal("2", identity.UserId);
        Assert.Equal(new[] { "authenticated", "api_user" }, identity.Scope);
        Assert.Empty(identity.Roles);
        Assert.Empty(identity.Permissions);
        Assert.False(identity.IsAdministrator);
    }

    [Fact]
    public async Task An_administrator_role_in_the_token_scope_is_caught_even_without_the_debug_route()
    {
        _drupal.JwtPayload = "{\"sub\":\"1\",\"scope\":[\"authenticated\",\"administrator\"]}";
        var connection = await Open(_drupal.Settings());

        var identity = await connection.GetIdentityAsync(_log, CancellationToken.None);

        Assert.True(identity.IsAdministrator);
        Assert.Contains("'backend'", identity.AdministratorWarning);
        Assert.DoesNotContain(_drupal.LatestToken, identity.AdministratorWarning);
    }

    [Fact]
    public async Task Identity_uses_the_cached_token_for_the_debug_route()
    {
        var connection = await OpenAsUser();
        _drupal.DebugAnswer = (200, FakeDrupal.DebugJson(_drupal.LatestToken), "application/json");

        await connection.GetIdentityAsync(_log, CancellationToken.None);

        Assert.Single(_drupal.TokenRequests);
    }

    [Fact]
    public async Task No_property_of_the_identity_nor_the_log_holds_the_token()
    {
        var connection = await OpenAsUser();
        var token = _drupal.LatestToken;
        _drupal.DebugAnswer = (200, FakeDrupal.DebugJson(token), "application/json");

        var identity = await connection.GetIdentityAsync(_log, CancellationToken.None);

        var signature = token.Split('.')[2];
        foreach (var property in identity.GetType().GetProperties())
        {
            var value = property.GetValue(identity);
            var text = value is IEnumerable<string> list ? string.Join(" ", list) : Convert.ToString(value) ?? string.Empty;
            Assert.DoesNotContain(signature, text);
        }

        Assert.DoesNotContain(signature, identity.ToString());
        Assert.DoesNotContain(signature, _log.AllText);
    }

    [Fact]
    public async Task A_closed_connection_refuses_to_read_the_identity()
    {
        var connection = await OpenAsUser();
        connection.Close();

        await DrupalAssert.FailsAsync("ConnectionClosed", () => connection.GetIdentityAsync(_log, CancellationToken.None));
    }

    [Fact]
    public async Task The_retry_settings_reach_the_connection()
    {
        var connection = await Open(_drupal.Settings(maximumRetryCount: 1));
        _drupal.FailNextGraphQLRequests(2, 502);

        await DrupalAssert.FailsAsync("HttpError", () => Query(connection));

        Assert.Equal(1, connection.MaximumRetryCount);
        Assert.Equal(2, _drupal.GraphQLRequests.Count);
    }

    [Fact]
    public async Task A_site_with_a_self_signed_certificate_fails_Open_unless_the_check_is_skipped()
    {
        using var drupal = new FakeDrupal(https: true);

        var e = await DrupalAssert.FailsAsync("ConnectionFailed", () => drupal.OpenAsync(drupal.Settings()));
        var connection = await drupal.OpenAsync(drupal.Settings(skipCertificateCheck: true));

        Assert.Contains("-SkipCertificateCheck", e.Message);
        Assert.True(connection.SkipCertificateCheck);
        Assert.True((await Query(connection)).HasData);
    }

    /// <summary>A connection whose tokens are JWTs for user 2, whose roles Simple OAuth 5 puts into the scope.</summary>
    private Task<DrupalConnection> OpenAsUser()
    {
        _drupal.JwtPayload = "{\"sub\":\"2\",\"scope\":[\"authenticated\",\"api_user\"]}";
        return Open(_drupal.Settings());
    }

    private Task<DrupalConnection> Open(ConnectionSettings settings) =>
        _drupal.OpenAsync(settings, _log);

    private Task<GraphQLResponse> Query(DrupalConnection connection) =>
        connection.InvokeGraphQLAsync(new GraphQLRequest("{ articles { total } }"), _log, CancellationToken.None);
}
