using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;
using DrupalTestServer.JsonApi;
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
    private readonly Queue<JsonObject> jsonApiTimeline = new();
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
    private readonly Counter stormAnswers = new();
    private readonly Counter maintenanceAnswers = new();
    private readonly Queue<JsonObject> uploads = new();
    private volatile string? lastGraphqlAuthScheme;
    private volatile string? lastAcceptEncoding;
    private long jsonApiInFlight;
    private long jsonApiMaxInFlight;
    private long timelineOrigin = Stopwatch.GetTimestamp();

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
            if (JsonApiEndpoint.IsWrite(request))
                jsonApiWrites.Increment();
        }
    }

    /// <summary>A JSON:API request starts being served: it counts in flight until <see cref="LeaveJsonApi"/>.</summary>
    public JsonApiArrival EnterJsonApi()
    {
        var inFlight = Interlocked.Increment(ref jsonApiInFlight);
        for (var max = Interlocked.Read(ref jsonApiMaxInFlight); inFlight > max; max = Interlocked.Read(ref jsonApiMaxInFlight))
        {
            if (Interlocked.CompareExchange(ref jsonApiMaxInFlight, inFlight, max) == max)
                break;
        }
        return new JsonApiArrival(Stopwatch.GetTimestamp(), inFlight);
    }

    /// <summary>Its answer begins (or the connection is gone without one): it leaves the count and joins the timeline.</summary>
    public void LeaveJsonApi(JsonApiArrival arrival, HttpContext context)
    {
        Interlocked.Decrement(ref jsonApiInFlight);
        var entry = new JsonObject
        {
            ["at"] = (long)Stopwatch.GetElapsedTime(Interlocked.Read(ref timelineOrigin), arrival.Timestamp).TotalMilliseconds,
            ["ms"] = (long)Stopwatch.GetElapsedTime(arrival.Timestamp).TotalMilliseconds,
            ["inFlight"] = arrival.InFlight,
            ["status"] = context.Response.StatusCode,
            ["request"] = RequestLine(context.Request),
        };
        lock (jsonApiLogGate)
        {
            jsonApiTimeline.Enqueue(entry);
            if (jsonApiTimeline.Count > JsonApiLogLength)
                jsonApiTimeline.Dequeue();
        }
    }

    /// <summary>
    /// Starts a new measure of concurrency without touching the other counters: the most in flight becomes the number
    /// in flight now, the timeline is emptied and its times count from now.
    /// </summary>
    public void ResetConcurrency()
    {
        lock (jsonApiLogGate)
        {
            Interlocked.Exchange(ref jsonApiMaxInFlight, Interlocked.Read(ref jsonApiInFlight));
            Interlocked.Exchange(ref timelineOrigin, Stopwatch.GetTimestamp());
            jsonApiTimeline.Clear();
        }
    }

    /// <summary>A request the storm switch answered in place of JSON:API.</summary>
    public void CountStormAnswer() => stormAnswers.Increment();

    /// <summary>A JSON:API request answered 503 because the site is in maintenance mode.</summary>
    public void CountMaintenanceAnswer() => maintenanceAnswers.Increment();

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
        JsonNode?[] timeline;
        lock (jsonApiLogGate)
        {
            log = jsonApiLog.ToArray();
            uploaded = uploads.Select(upload => upload.DeepClone()).ToArray();
            timeline = jsonApiTimeline.Select(entry => entry.DeepClone()).ToArray();
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
        json["jsonapiInFlight"] = Interlocked.Read(ref jsonApiInFlight);
        json["jsonapiMaxInFlight"] = Interlocked.Read(ref jsonApiMaxInFlight);
        json["jsonapiTimeline"] = new JsonArray(timeline);
        json["stormAnswers"] = stormAnswers.Value;
        json["maintenanceAnswers"] = maintenanceAnswers.Value;
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
        foreach (var counter in new[] { jsonApiWrites, entitiesCreated, entitiesUpdated, entitiesDeleted, filesUploaded, compressedResponses, graphqlCacheHits, stormAnswers, maintenanceAnswers })
            counter.Reset();
        lastGraphqlAuthScheme = null;
        lastAcceptEncoding = null;
        hosts.Clear();
        lock (jsonApiLogGate)
        {
            jsonApiLog.Clear();
            uploads.Clear();
        }
        ResetConcurrency();
    }

    private void Log(HttpRequest request)
    {
        var line = RequestLine(request);
        lock (jsonApiLogGate)
        {
            jsonApiLog.Enqueue(line);
            if (jsonApiLog.Count > JsonApiLogLength)
                jsonApiLog.Dequeue();
        }
    }

    /// <summary>The request line as received (the raw, still encoded target), never a header.</summary>
    private static string RequestLine(HttpRequest request) =>
        $"{request.Method} {request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString}";

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
