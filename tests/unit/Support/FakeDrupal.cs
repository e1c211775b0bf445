using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Tokens;

namespace DrupalOAuth.Tests.Support;

/// <summary>
/// Just enough of Drupal with Simple OAuth and GraphQL on a local socket: /oauth/token issues drupal-token-1,
/// drupal-token-2, ...; /graphql answers the latest token and refuses any other with Drupal's 401. Connections
/// opened here keep their tokens in a private provider on a manual clock.
/// </summary>
public sealed class FakeDrupal : IDisposable
{
    public const string ClientSecret = "s3cr:t/+&= x";

    private readonly LocalHttpServer _server;
    private readonly string _basePath;
    private readonly object _lock = new();
    private int _issued;
    private int _graphQLRejections;
    private TokenProvider? _tokens;

    public FakeDrupal(string basePath = "/")
    {
        _basePath = basePath.TrimEnd('/') + "/";
        _server = new LocalHttpServer(HandleAsync);
    }

    public Uri SiteUri => _server.Url(_basePath);

    public ManualClock Clock { get; } = new();

    public TokenProvider Tokens => _tokens ??= new TokenProvider(Clock);

    public int ExpiresIn { get; set; } = 300;

    /// <summary>When set, the token endpoint answers this instead of a token.</summary>
    public (int Status, string Json)? TokenError { get; set; }

    public string GraphQLAnswer { get; set; } = "{\"data\":{\"articles\":{\"total\":25,\"items\":[{\"id\":1,\"title\":\"ARTICLE 1\"}]}}}";

    public string LatestToken => "drupal-token-" + Volatile.Read(ref _issued);

    public IReadOnlyList<ReceivedRequest> TokenRequests => _server.Requests.Where(r => r.Path.EndsWith("/oauth/token", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ReceivedRequest> GraphQLRequests => _server.Requests.Where(r => r.Path.EndsWith("/graphql", StringComparison.Ordinal)).ToList();

    /// <summary>The next <paramref name="count"/> GraphQL requests get a 401 whatever their token, as after a key rotation.</summary>
    public void RejectNextGraphQLRequests(int count)
    {
        lock (_lock)
        {
            _graphQLRejections = count;
        }
    }

    public ConnectionSettings Settings(
        string clientId = "backend",
        string secret = ClientSecret,
        string[]? scope = null,
        ClientAuthentication clientAuthentication = ClientAuthentication.Body,
        string? name = null) =>
        ConnectionSettings.Create(SiteUri.ToString(), clientId, Secrets.Secure(secret), scope, name, clientAuthentication: clientAuthentication, timeoutSec: 10);

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

            var token = "drupal-token-" + Interlocked.Increment(ref _issued);
            return x.RespondAsync(
                200,
                $"{{\"token_type\":\"Bearer\",\"expires_in\":{ExpiresIn},\"access_token\":\"{token}\"}}",
                "application/json",
                ("Cache-Control", "no-store"),
                ("Pragma", "no-cache"));
        }

        if (path == _basePath + "graphql")
        {
            if (TakeRejection() || x.Request.Header("Authorization") != "Bearer " + LatestToken)
            {
                return x.RespondAsync(
                    401,
                    "<!DOCTYPE html><html><head><title>Unauthorized | Site</title></head><body></body></html>",
                    "text/html",
                    ("WWW-Authenticate", "Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"Access token could not be verified\""));
            }

            return x.RespondAsync(200, GraphQLAnswer);
        }

        return x.RespondAsync(404, "<html><head><title>Page not found | Site</title></head></html>", "text/html");
    }

    private bool TakeRejection()
    {
        lock (_lock)
        {
            if (_graphQLRejections == 0)
            {
                return false;
            }

            _graphQLRejections--;
            return true;
        }
    }
}
