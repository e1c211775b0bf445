using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Tokens;

namespace DrupalOAuth.Tests.Support;

/// <summary>
/// Just enough of Drupal with Simple OAuth and GraphQL on a local socket: /oauth/token issues drupal-token-1,
/// drupal-token-2, ... (or JWTs); /graphql and /oauth/debug answer the latest token and refuse any other with
/// Drupal's 401; every other path goes to <see cref="Site"/> when it is set (JSON:API, REST, files), under the same
/// token rule. Connections opened here keep their tokens in a private provider on a manual clock, and retry
/// without waiting.
/// </summary>
public sealed class FakeDrupal : IDisposable
{
    public const string ClientSecret = "s3cr:t/+&= x";

    /// <summary>What /oauth/debug answers a user without the "debug simple_oauth tokens" permission, with status 403.</summary>
    public const string DebugForbiddenJson = "{\"message\":\"The 'debug simple_oauth tokens' permission is required.\"}";

    private readonly LocalHttpServer _server;
    private readonly string _basePath;
    private readonly object _lock = new();
    private int _issued;
    private int _graphQLFailures;
    private int _graphQLFailureStatus;
    private TokenProvider? _tokens;

    public FakeDrupal(string basePath = "/", bool https = false)
    {
        _basePath = basePath.TrimEnd('/') + "/";
        _server = new LocalHttpServer(HandleAsync, https);
    }

    public Uri SiteUri => _server.Url(_basePath);

    public ManualClock Clock { get; } = new();

    public TokenProvider Tokens => _tokens ??= new TokenProvider(Clock);

    public int ExpiresIn { get; set; } = 300;

    /// <summary>When set, the token endpoint answers this instead of a token.</summary>
    public (int Status, string Json)? TokenError { get; set; }

    public string GraphQLAnswer { get; set; } = "{\"data\":{\"articles\":{\"total\":25,\"items\":[{\"id\":1,\"title\":\"ARTICLE 1\"}]}}}";

    /// <summary>When set, tokens are JWTs with this payload, as Simple OAuth 5 issues them; each has its own signature.</summary>
    public string? JwtPayload { get; set; }

    /// <summary>What /oauth/debug answers to the latest token; unset, it is not found, as without the route.</summary>
    public (int Status, string Body, string ContentType)? DebugAnswer { get; set; }

    public string LatestToken => Token(Volatile.Read(ref _issued));

    public IReadOnlyList<ReceivedRequest> TokenRequests => _server.Requests.Where(r => r.Path.EndsWith("/oauth/token", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ReceivedRequest> GraphQLRequests => _server.Requests.Where(r => r.Path.EndsWith("/graphql", StringComparison.Ordinal)).ToList();

    /// <summary>Answers the requests for every path but the token, GraphQL and debug routes, once the token checks out.</summary>
    public Func<HttpExchange, Task>? Site { get; set; }

    /// <summary>The requests that went to <see cref="Site"/>'s paths, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedRequest> SiteRequests => _server.Requests.Where(r => !IsOwnRoute(r.Path)).ToList();

    /// <summary>The next <paramref name="count"/> GraphQL requests get a 401 whatever their token, as after a key rotation.</summary>
    public void RejectNextGraphQLRequests(int count) => FailNextGraphQLRequests(count, 401);

    /// <summary>The next <paramref name="count"/> GraphQL requests get <paramref name="status"/>, as from a proxy in front of Drupal.</summary>
    public void FailNextGraphQLRequests(int count, int status)
    {
        lock (_lock)
        {
            _graphQLFailures = count;
            _graphQLFailureStatus = status;
        }
    }

    public ConnectionSettings Settings(
        string clientId = "backend",
        string secret = ClientSecret,
        string[]? scope = null,
        ClientAuthentication clientAuthentication = ClientAuthentication.Body,
        string? name = null,
        int maximumRetryCount = ConnectionSettings.DefaultMaximumRetryCount,
        bool skipCertificateCheck = false) =>
        ConnectionSettings.Create(
            SiteUri.ToString(),
            clientId,
            Secrets.Secure(secret),
            scope,
            name,
            clientAuthentication: clientAuthentication,
            timeoutSec: 10,
            maximumRetryCount: maximumRetryCount,
            retryIntervalSec: 0,
            skipCertificateCheck: skipCertificateCheck);

    public Task<DrupalConnection> OpenAsync(ConnectionSettings settings, IDrupalLog? log = null) =>
        DrupalConnection.OpenAsync(settings, log ?? NullLog.Instance, CancellationToken.None, Tokens);

    public void Dispose()
    {
        _tokens?.Dispose();
        _server.Dispose();
    }

    private Task HandleAsync(HttpExchange x)
    {
        var path = x.Request.Path;
        if (path == _basePath + "oauth/token")
        {
            if (TokenError is { } error)
            {
                return x.RespondAsync(error.Status, error.Json);
            }

            var token = Token(Interlocked.Increment(ref _issued));
            return x.RespondAsync(
                200,
                $"{{\"token_type\":\"Bearer\",\"expires_in\":{ExpiresIn},\"access_token\":\"{token}\"}}",
                "application/json",
                ("Cache-Control", "no-store"),
                ("Pragma", "no-cache"));
        }

        var graphQL = path == _basePath + "graphql";
        var debug = path == _basePath + "oauth/debug" ? DebugAnswer : null;
        var site = IsOwnRoute(path) ? null : Site;
        if (graphQL || debug != null || site != null)
        {
            var failure = graphQL ? TakeFailure() : null;
            if (failure is { } status && status != 401)
            {
                return x.RespondAsync(status, $"<html><head><title>{ReasonPhrases.For(status)}</title></head></html>", "text/html");
            }

            if (failure == 401 || x.Request.Header("Authorization") != "Bearer " + LatestToken)
            {
                return x.RespondAsync(
                    401,
                    "<!DOCTYPE html><html><head><title>Unauthorized | Site</title></head><body></body></html>",
                    "text/html",
                    ("WWW-Authenticate", "Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"Access token could not be verified\""));
            }

            if (site != null)
            {
                return site(x);
            }

            return debug is { } answer ? x.RespondAsync(answer.Status, answer.Body, answer.ContentType) : x.RespondAsync(200, GraphQLAnswer);
        }

        return x.RespondAsync(404, "<html><head><title>Page not found | Site</title></head></html>", "text/html");
    }

    /// <summary>
    /// What /oauth/debug answers for user 2 (an api_user): the token itself, and every permission of the site with
    /// its access, among them one stray string entry.
    /// </summary>
    public static string DebugJson(string token) =>
        "{\"token\":[\"" + token + "\"],\"id\":\"2\",\"roles\":[\"authenticated\",\"api_user\"]," +
        "\"permissions\":{\"access content\":{\"title\":\"Access content\",\"access\":true}," +
        "\"administer nodes\":{\"title\":\"Administer content\",\"access\":false}," +
        "\"execute graphql_server arbitrary graphql requests\":{\"title\":\"Execute arbitrary requests\",\"access\":true}," +
        "\"description\":\"stray string\"}}";

    private bool IsOwnRoute(string path) =>
        path == _basePath + "oauth/token" || path == _basePath + "graphql" || path == _basePath + "oauth/debug";

    private string Token(int number) =>
        JwtPayload == null ? "drupal-token-" + number : TestTokens.Jwt(JwtPayload, "drupal-signature-" + number);

    private int? TakeFailure()
    {
        lock (_lock)
        {
            if (_graphQLFailures == 0)
            {
                return null;
            }

            _graphQLFailures--;
            return _graphQLFailureStatus;
        }
    }
}
