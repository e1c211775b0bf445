using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DrupalTestServer.Control;
using DrupalTestServer.Http;
using DrupalTestServer.Site;
using Microsoft.Extensions.Primitives;

namespace DrupalTestServer.OAuth;

/// <summary><c>POST /oauth/token</c> for the client credentials grant, checked in simple_oauth 6's order.</summary>
public sealed class TokenEndpoint(SigningKeys keys, TokenStore tokens, ServerStats stats)
{
    private const string ClientCredentials = "client_credentials";

    /// <summary>How long every token request waits before it is answered (tests of single-flight refresh).</summary>
    public TimeSpan Delay { get; set; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            await DrupalResponses.MethodNotAllowedAsync(context, "POST");
            return;
        }
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, context.RequestAborted);

        // Like PHP, only a form body fills the parameters: a JSON body leaves them all missing.
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        string authorization = request.Headers.Authorization.ToString();
        try
        {
            var issuer = $"{request.Scheme}://{request.Host}/";
            var answer = Issue(form, BasicCredentials.FromHeader(authorization), issuer);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            await DrupalResponses.JsonAsync(context.Response, StatusCodes.Status200OK, answer, "application/json; charset=UTF-8");
        }
        catch (OAuthException error)
        {
            // league answers a challenge only when the client tried an Authorization header.
            if (error.Error == "invalid_client" && authorization.Length > 0)
                context.Response.Headers.WWWAuthenticate =
                    (authorization.StartsWith("Bearer", StringComparison.Ordinal) ? "Bearer" : "Basic") + " realm=\"OAuth\"";
            await DrupalResponses.JsonAsync(context.Response, error.Status, error.ToJson());
        }
    }

    private JsonObject Issue(IFormCollection form, BasicCredentials? basic, string issuer)
    {
        var clientId = Parameter(form, "client_id") ?? basic?.User;
        if (string.IsNullOrEmpty(clientId))
            throw OAuthException.InvalidRequest("client_id");
        if (!SiteDirectory.Consumers.TryGetValue(clientId, out var consumer))
            throw OAuthException.InvalidClient();
        if (Parameter(form, "grant_type") != ClientCredentials || !consumer.ClientCredentialsEnabled)
            throw OAuthException.UnsupportedGrantType();
        if (!consumer.IsConfidential)
            throw OAuthException.InvalidClient();
        var secret = Parameter(form, "client_secret") ?? basic?.Password;
        if (string.IsNullOrEmpty(secret))
            throw OAuthException.InvalidRequest("client_secret");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(consumer.Secret!)))
            throw OAuthException.InvalidClient();
        var scopes = GrantedScopes(Parameter(form, "scope"), consumer);
        if (consumer.UserUid is not { } userUid)
            throw OAuthException.ServerError("Invalid default user for client.");

        var token = NewToken(consumer, userUid, scopes, issuer);
        stats.CountTokenIssued();
        return new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = consumer.TokenLifetimeSeconds,
            ["access_token"] = token,
        };
    }

    private static IReadOnlyList<string> GrantedScopes(string? requested, Consumer consumer)
    {
        var scopes = (requested ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        if (scopes.Length == 0)
            return consumer.DefaultScopes.Count > 0 ? consumer.DefaultScopes : throw OAuthException.InvalidRequest("scope");
        var refused = scopes.FirstOrDefault(s => !SiteDirectory.Scopes.Contains(s) || !consumer.AllowedScopes.Contains(s));
        return refused is null ? scopes : throw OAuthException.InvalidScope(refused);
    }

    /// <summary>Claims as simple_oauth 6.0.9 writes them: exp carries microseconds, iat and nbf do not.</summary>
    private string NewToken(Consumer consumer, int userUid, IReadOnlyList<string> scopes, string issuer)
    {
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(40));
        var now = DateTimeOffset.UtcNow;
        var iat = now.ToUnixTimeSeconds();
        var microseconds = now.ToUnixTimeMilliseconds() % 1000 * 1000 + now.Microsecond;
        var exp = iat + consumer.TokenLifetimeSeconds + microseconds / 1_000_000.0;

        tokens.Add(new IssuedToken(jti, consumer.ClientId, userUid, scopes, exp));
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["jti"] = jti };
        var claims = new JsonObject
        {
            ["aud"] = consumer.ClientId,
            ["jti"] = jti,
            ["iat"] = iat,
            ["nbf"] = iat,
            ["exp"] = exp,
            ["scope"] = new JsonArray(scopes.Select(s => (JsonNode?)s).ToArray()),
            ["iss"] = issuer,
        };
        return JwtCodec.Sign(header, claims, keys.Current);
    }

    /// <summary>A parameter sent more than once counts with its last value, as in PHP.</summary>
    private static string? Parameter(IFormCollection form, string name) =>
        form.TryGetValue(name, out StringValues values) && values.Count > 0 ? values[^1] : null;
}
