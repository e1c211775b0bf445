using System.Text.Json.Nodes;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control;

/// <summary>Counters that tests read through <c>GET /_test/stats</c> to see what a client really sent.</summary>
public sealed class ServerStats
{
    private long tokenRequests;
    private long tokensIssued;
    private long graphqlRequests;
    private long debugRequests;
    private volatile string? lastGraphqlAuthScheme;

    public void Count(ApiRoute route, HttpRequest request)
    {
        if (route == ApiRoute.Token)
            Interlocked.Increment(ref tokenRequests);
        else if (route == ApiRoute.Debug)
            Interlocked.Increment(ref debugRequests);
        else if (route == ApiRoute.GraphQL)
        {
            Interlocked.Increment(ref graphqlRequests);
            // Only the scheme: the stats must never echo a token.
            var authorization = request.Headers.Authorization.ToString();
            lastGraphqlAuthScheme = authorization.Length == 0 ? null : authorization.Split(' ', 2)[0];
        }
    }

    public void CountTokenIssued() => Interlocked.Increment(ref tokensIssued);

    public JsonObject ToJson() => new()
    {
        ["tokenRequests"] = Interlocked.Read(ref tokenRequests),
        ["tokensIssued"] = Interlocked.Read(ref tokensIssued),
        ["graphqlRequests"] = Interlocked.Read(ref graphqlRequests),
        ["debugRequests"] = Interlocked.Read(ref debugRequests),
        ["lastGraphqlAuthScheme"] = lastGraphqlAuthScheme,
    };

    public void Reset()
    {
        Interlocked.Exchange(ref tokenRequests, 0);
        Interlocked.Exchange(ref tokensIssued, 0);
        Interlocked.Exchange(ref graphqlRequests, 0);
        Interlocked.Exchange(ref debugRequests, 0);
        lastGraphqlAuthScheme = null;
    }
}
