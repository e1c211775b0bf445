using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;
using Microsoft.Extensions.Primitives;

namespace DrupalTestServer.Control;

/// <summary>Counters that tests read through <c>GET /_test/stats</c> to see what a client really sent.</summary>
public sealed class ServerStats
{
    private readonly ConcurrentDictionary<string, HostCounts> hosts = new(StringComparer.Ordinal);
    private long tokenRequests;
    private long tokensIssued;
    private long graphqlRequests;
    private long debugRequests;
    private long mutationsExecuted;
    private volatile string? lastGraphqlAuthScheme;

    public void Count(ApiRoute route, HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        // By origin as the client addressed it, so tests see where a redirected client went and
        // whether it carried its credentials there; only whether it had them, never their value.
        hosts.GetOrAdd($"{request.Scheme}://{request.Host.Value}", _ => new HostCounts())
            .Count(!StringValues.IsNullOrEmpty(authorization));
        if (route == ApiRoute.Token)
            Interlocked.Increment(ref tokenRequests);
        else if (route == ApiRoute.Debug)
            Interlocked.Increment(ref debugRequests);
        else if (route == ApiRoute.GraphQL)
        {
            Interlocked.Increment(ref graphqlRequests);
            // Only the scheme: the stats must never echo a token.
            var header = authorization.ToString();
            lastGraphqlAuthScheme = header.Length == 0 ? null : header.Split(' ', 2)[0];
        }
    }

    public void CountTokenIssued() => Interlocked.Increment(ref tokensIssued);

    /// <summary>Whether it succeeds or not: tests see whether a client sent a mutation again.</summary>
    public void CountMutation() => Interlocked.Increment(ref mutationsExecuted);

    public JsonObject ToJson() => new()
    {
        ["tokenRequests"] = Interlocked.Read(ref tokenRequests),
        ["tokensIssued"] = Interlocked.Read(ref tokensIssued),
        ["graphqlRequests"] = Interlocked.Read(ref graphqlRequests),
        ["debugRequests"] = Interlocked.Read(ref debugRequests),
        ["lastGraphqlAuthScheme"] = lastGraphqlAuthScheme,
        ["mutationsExecuted"] = Interlocked.Read(ref mutationsExecuted),
        ["hosts"] = new JsonObject(hosts
            .OrderBy(host => host.Key, StringComparer.Ordinal)
            .Select(host => KeyValuePair.Create(host.Key, (JsonNode?)host.Value.ToJson()))),
    };

    public void Reset()
    {
        Interlocked.Exchange(ref tokenRequests, 0);
        Interlocked.Exchange(ref tokensIssued, 0);
        Interlocked.Exchange(ref graphqlRequests, 0);
        Interlocked.Exchange(ref debugRequests, 0);
        Interlocked.Exchange(ref mutationsExecuted, 0);
        lastGraphqlAuthScheme = null;
        hosts.Clear();
    }

    private sealed class HostCounts
    {
        private long requests;
        private long withAuthorization;

        public void Count(bool hasAuthorization)
        {
            Interlocked.Increment(ref requests);
            if (hasAuthorization)
                Interlocked.Increment(ref withAuthorization);
        }

        public JsonObject ToJson() => new()
        {
            ["requests"] = Interlocked.Read(ref requests),
            ["withAuthorization"] = Interlocked.Read(ref withAuthorization),
        };
    }
}
