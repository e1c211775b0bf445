using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Identity;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Identity;

public sealed class IdentityReaderTests : IDisposable
{
    private const string Token = "the-access-token";

    private readonly HttpPipeline _pipeline = new(TimeSpan.FromSeconds(10));
    private readonly RecordingLog _log = new();
    private LocalHttpServer? _site;

    public void Dispose()
    {
        _site?.Dispose();
        _pipeline.Dispose();
    }

    [Fact]
    public async Task Reads_the_user_id_the_roles_and_the_permissions_granted()
    {
        var identity = (await Read(200, FakeDrupal.DebugJson(Token)))!.Value;

        Assert.Equal("2", identity.UserId);
        Assert.Equal(new[] { "authenticated", "api_user" }, identity.Roles);
        Assert.Equal(new[] { "access content", "execute graphql_server arbitrary graphql requests" }, identity.Permissions);
        Assert.Null(identity.IsAdmin);
    }

    [Fact]
    public async Task Asks_the_debug_route_beneath_the_site_with_the_bearer_token()
    {
        await Read(200, FakeDrupal.DebugJson(Token));

        var request = Assert.Single(_site!.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/drupal/oauth/debug?_format=json", request.Target);
        Assert.Equal("Bearer " + Token, request.Header("Authorization"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"yes\"", null)]
    public async Task Reads_the_is_admin_flag_when_it_is_a_boolean(string json, bool? isAdmin)
    {
        Assert.Equal(isAdmin, (await Read(200, "{\"id\":1,\"is_admin\":" + json + "}"))!.Value.IsAdmin);
    }

    [Fact]
    public async Task A_numeric_user_id_reads_as_text()
    {
        Assert.Equal("17", (await Read(200, "{\"id\":17}"))!.Value.UserId);
    }

    [Fact]
    public async Task Missing_or_odd_fields_read_as_unknown_or_empty()
    {
        var identity = (await Read(200, "{\"id\":null,\"roles\":[\"editor\",3,null],\"permissions\":[\"administer nodes\"]}"))!.Value;

        Assert.Null(identity.UserId);
        Assert.Equal(new[] { "editor" }, identity.Roles);
        Assert.Empty(identity.Permissions);
    }

    [Theory]
    [InlineData(403, FakeDrupal.DebugForbiddenJson, "application/json")]
    [InlineData(404, "<html><head><title>Page not found | Site</title></head></html>", "text/html")]
    [InlineData(200, "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html")]
    [InlineData(200, "[\"not\",\"an\",\"object\"]", "application/json")]
    public async Task A_route_that_is_closed_missing_or_not_JSON_gives_nothing_so_the_claims_are_read_instead(int status, string body, string contentType)
    {
        Assert.Null(await Read(status, body, contentType));
    }

    [Fact]
    public async Task Other_failures_are_errors()
    {
        await DrupalAssert.FailsAsync("HttpError", () => Read(500, "{\"message\":\"boom\"}"));
    }

    [Fact]
    public async Task The_log_explains_the_fallback_and_never_holds_the_token_that_the_route_echoes()
    {
        await Read(200, FakeDrupal.DebugJson(Token));
        await Read(403, FakeDrupal.DebugForbiddenJson);
        await Read(200, "not JSON " + Token, "text/plain");

        Assert.Contains(_log.Lines, line => line.Contains("is not open to this consumer's user (Forbidden): reading the token's claims instead"));
        Assert.Contains(_log.Lines, line => line.Contains("did not answer JSON: reading the token's claims instead"));
        Assert.DoesNotContain(Token, _log.AllText);
    }

    [Theory]
    [InlineData("{\"sub\":\"2\"}", "2")]
    [InlineData("{\"sub\":2}", "2")]
    [InlineData("{\"sub\":null}", null)]
    [InlineData("{\"aud\":\"backend\"}", null)]
    public void ReadSubject_reads_the_user_id_from_the_tokens_sub_claim(string payload, string? subject)
    {
        Assert.Equal(subject, IdentityReader.ReadSubject(TokenOf(TestTokens.Jwt(payload))));
    }

    [Fact]
    public void ReadSubject_of_a_token_that_is_no_JWT_is_unknown()
    {
        Assert.Null(IdentityReader.ReadSubject(TokenOf(Token)));
    }

    private async Task<(string? UserId, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, bool? IsAdmin)?> Read(int status, string body, string contentType = "application/json")
    {
        _site?.Dispose();
        _site = new LocalHttpServer(x => x.RespondAsync(status, body, contentType));
        var api = new ApiClient(_pipeline, (_, _, _) => Task.FromResult(TokenOf(Token)));
        return await IdentityReader.ReadDebugRouteAsync(api, _site.Url("/drupal/"), CallOptions.None, _log, CancellationToken.None);
    }

    private static AccessToken TokenOf(string value) => TestTokens.Make(value, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
}
