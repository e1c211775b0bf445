using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace DrupalTestServer.Control;

/// <summary>Counters that tests read through <c>GET /_test/stats</c> to see what a client really sent.</summary>
public sealed class ServerStats
{
    /// <summary>Enough for a test to see the order of a paged read, few enough to stay small.</summary>
    private const int JsonApiLogLength = 500;

    private const int UploadsLength = 20;

    private readonly ConcurrentDictionary<string, HostCounts> hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<ApiRoute, Counter> requests = ApiRoute.All.ToDictionary(route => route, _ => new Counter());
    private readonly Queue<string> jsonApiLog = new();
    private readonly Lock jsonApiLogGate = new();
    private readonly Counter tokensIssued = new();
    private readonly Counter mutationsExecuted = new();
    private readonly Counter jsonApiWrites = new();
    private readonly Counter entitiesCreated = new();
    private readonly Counter entitiesUpdated = new();
    private readonly Counter entitiesDeleted = new();
    private readonly Counter filesUploaded = new();
    private readonly Counter compressedResponses = new();
    private readonly Counter graphqlCacheHits = new();
    private readonly Queue<JsonObject> uploads = new();
    private volatile string? lastGraphqlAuthScheme;
    private volatile string? lastAcceptEncoding;

    public void Count(ApiRoute route, HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        // By origin as the client addressed it, so tests see where a redirected client went and
        // whether it carried its credentials there; only whether it had them, never their value.
        hosts.GetOrAdd($"{request.Scheme}://{request.Host.Value}", _ => new HostCounts())
            .Count(!StringValues.IsNullOrEmpty(authorization));
        requests[route].Increment();
        // As sent, so that a test sees which codings a client offers, compression on or off.
        lastAcceptEncoding = request.Headers.AcceptEncoding is { Count: > 0 } acceptEncoding ? acceptEncoding.ToString() : null;
        if (route == ApiRoute.GraphQL)
        {
            // Only the scheme: the stats must never echo a token.
            var header = authorization.ToString();
            lastGraphqlAuthScheme = header.Length == 0 ? null : header.Split(' ', 2)[0];
        }
        else if (route == ApiRoute.JsonApi)
        {
            Log(request);
            if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
                jsonApiWrites.Increment();
        }
    }

    /// <summary>When the write was carried out, before its answer is sent: an answer lost afterwards still counts it.</summary>
    public void CountCreated() => entitiesCreated.Increment();

    public void CountUpdated() => entitiesUpdated.Increment();

    public void CountDeleted() => entitiesDeleted.Increment();

    /// <summary>With what a test needs to check the bytes arrived whole: the last <see cref="UploadsLength"/> are kept.</summary>
    public void CountUpload(string filename, long size, string sha256)
    {
        filesUploaded.Increment();
        lock (jsonApiLogGate)
        {
            uploads.Enqueue(new JsonObject { ["filename"] = filename, ["size"] = size, ["sha256"] = sha256 });
            if (uploads.Count > UploadsLength)
                uploads.Dequeue();
        }
    }

    public void CountCompressed() => compressedResponses.Increment();

    /// <summary>A GraphQL answer sent again from the cache, without running the query.</summary>
    public void CountGraphQLCacheHit() => graphqlCacheHits.Increment();

    public void CountTokenIssued() => tokensIssued.Increment();

    /// <summary>Whether it succeeds or not: tests see whether a client sent a mutation again.</summary>
    public void CountMutation() => mutationsExecuted.Increment();

    public JsonObject ToJson()
    {
        string[] log;
        JsonNode?[] uploaded;
        lock (jsonApiLogGate)
        {
            log = jsonApiLog.ToArray();
            uploaded = uploads.Select(upload => upload.DeepClone()).ToArray();
        }
        var json = new JsonObject();
        foreach (var (route, counter) in requests)
            json[route.Name + "Requests"] = counter.Value;
        json["tokensIssued"] = tokensIssued.Value;
        json["lastGraphqlAuthScheme"] = lastGraphqlAuthScheme;
        json["mutationsExecuted"] = mutationsExecuted.Value;
        json["jsonapiWrites"] = jsonApiWrites.Value;
        json["entitiesCreated"] = entitiesCreated.Value;
        json["entitiesUpdated"] = entitiesUpdated.Value;
        json["entitiesDeleted"] = entitiesDeleted.Value;
        json["filesUploaded"] = filesUploaded.Value;
        json["compressedResponses"] = compressedResponses.Value;
        json["lastAcceptEncoding"] = lastAcceptEncoding;
        json["graphqlCacheHits"] = graphqlCacheHits.Value;
        json["uploads"] = new JsonArray(uploaded);
        json["jsonapiLog"] = new JsonArray(log.Select(line => (JsonNode?)line).ToArray());
        json["hosts"] = new JsonObject(hosts
            .OrderBy(host => host.Key, StringComparer.Ordinal)
            .Select(host => KeyValuePair.Create(host.Key, (JsonNode?)host.Value.ToJson())));
        return json;
    }

    public void Reset()
    {
        foreach (var counter in requests.Values)
            counter.Reset();
        tokensIssued.Reset();
        mutationsExecuted.Reset();
        foreach (var counter in new[] { jsonApiWrites, entitiesCreated, entitiesUpdated, entitiesDeleted, filesUploaded, compressedResponses, graphqlCacheHits })
            counter.Reset();
        lastGraphqlAuthScheme = null;
        lastAcceptEncoding = null;
        hosts.Clear();
        lock (jsonApiLogGate)
        {
            jsonApiLog.Clear();
            uploads.Clear();
        }
    }

    /// <summary>The request line as received (the raw, still encoded target), never a header.</summary>
    private void Log(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        lock (jsonApiLogGate)
        {
            jsonApiLog.Enqueue($"{request.Method} {target}");
            if (jsonApiLog.Count > JsonApiLogLength)
                jsonApiLog.Dequeue();
        }
    }

    private sealed class Counter
    {
        private long value;

        public long Value => Interlocked.Read(ref value);

        public void Increment() => Interlocked.Increment(ref value);

        public void Reset() => Interlocked.Exchange(ref value, 0);
    }

    private sealed class HostCounts
    {
        private readonly Counter requests = new();
        private readonly Counter withAuthorization = new();

        public void Count(bool hasAuthorization)
        {
            requests.Increment();
            if (hasAuthorization)
                withAuthorization.Increment();
        }

        public JsonObject ToJson() => new()
        {
            ["requests"] = requests.Value,
            ["withAuthorization"] = withAuthorization.Value,
        };
    }
}
