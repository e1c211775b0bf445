using System.Globalization;
using System.Text.Json.Nodes;
using DrupalTestServer.Control.Faults;
using DrupalTestServer.GraphQLApi;
using DrupalTestServer.Http;
using DrupalTestServer.JsonApi;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.Control;

/// <summary>The <c>/_test/</c> routes through which tests steer the server; they need no authentication.</summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_test");

        control.MapGet("/stats", (ServerStats stats, TokenStore tokens) =>
        {
            var json = stats.ToJson();
            json["storedTokens"] = tokens.Count;
            return Results.Text(json.ToJsonString(DrupalResponses.JsonOptions), DrupalResponses.JsonContentType);
        });

        control.MapPost("/reset", (ServerStats stats, FaultInjector faults, TokenStore tokens, SigningKeys keys,
            ContentStore content, TokenEndpoint tokenEndpoint, JsonApiSettings jsonApi, GraphQLSettings graphql,
            GraphQLResponseCache graphqlCache, CompressionSettings compression, StormSwitch storm, MaintenanceMode maintenance,
            DrupalVersion version) =>
        {
            stats.Reset();
            faults.Clear();
            tokens.RestoreRevoked();
            keys.Restore();
            content.Reset();
            tokenEndpoint.Delay = TimeSpan.Zero;
            jsonApi.Reset();
            graphql.Reset();
            graphqlCache.Enabled = false;
            compression.Reset();
            storm.Stop();
            maintenance.Off();
            version.Reset();
            return Results.NoContent();
        });

        control.MapPost("/stats/reset-concurrency", (ServerStats stats) =>
        {
            stats.ResetConcurrency();
            return Results.NoContent();
        });

        control.MapPost("/revoke", (TokenStore tokens) =>
        {
            tokens.RevokeAll();
            return Results.NoContent();
        });

        control.MapPost("/rotate-keys", (SigningKeys keys) =>
        {
            keys.Rotate();
            return Results.NoContent();
        });

        control.MapPost("/token-delay", async (HttpRequest request, TokenEndpoint tokenEndpoint) =>
        {
            if (await ReadDelayAsync(request) is not { } delay)
                return InvalidDelay();
            tokenEndpoint.Delay = delay;
            return Results.NoContent();
        });

        control.MapPost("/jsonapi-delay", async (HttpRequest request, JsonApiSettings jsonApi) =>
        {
            if (await ReadDelayAsync(request) is not { } delay)
                return InvalidDelay();
            jsonApi.Delay = delay;
            return Results.NoContent();
        });

        control.MapPost("/jsonapi-writes-delay", async (HttpRequest request, JsonApiSettings jsonApi) =>
        {
            if (await ReadDelayAsync(request) is not { } delay)
                return InvalidDelay();
            jsonApi.WriteDelay = delay;
            return Results.NoContent();
        });

        control.MapPost("/storm", (StormRequest request, StormSwitch storm) =>
        {
            if (request.Off)
            {
                storm.Stop();
                return Results.NoContent();
            }
            if (request.Status is not (>= 400 and <= 599))
                return Invalid("Give the storm's 'status' from 400 to 599 (429 or 503), or {\"off\": true}.");
            if (request.RetryAfter is < 0 or > StormRequest.MaxSeconds)
                return Invalid($"'retryAfter' must be from 0 to {StormRequest.MaxSeconds} seconds.");
            if ((request.Seconds is null) == (request.Requests is null)
                || request.Seconds is <= 0 or > StormRequest.MaxSeconds || request.Requests is < 1)
                return Invalid($"Give the storm's length as 'seconds' (more than 0, at most {StormRequest.MaxSeconds}) or 'requests' (1 or more), not both.");
            storm.Start(request.Status.Value, request.RetryAfter, request.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, request.Requests);
            return Results.NoContent();
        });

        control.MapPost("/maintenance", (MaintenanceRequest request, MaintenanceMode maintenance) =>
        {
            if (request.On is not { } on)
                return Invalid("Give the mode as {\"on\": true} (optionally with 'seconds', 'retryAfterMin', 'retryAfterMax') or {\"on\": false}.");
            if (!on)
            {
                maintenance.Off();
                return Results.NoContent();
            }
            if (request.Seconds is <= 0)
                return Invalid("'seconds' must be more than 0, or left out for maintenance until {\"on\": false}.");
            if (request.RetryAfterMin < 0 || request.RetryAfterMax < request.RetryAfterMin)
                return Invalid("'retryAfterMin' must be 0 or more and 'retryAfterMax' at least 'retryAfterMin'.");
            maintenance.On(request.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, request.RetryAfterMin, request.RetryAfterMax);
            return Results.NoContent();
        });

        control.MapPost("/graphql-delay", async (HttpRequest request, GraphQLSettings graphql) =>
        {
            if (await ReadDelayAsync(request) is not { } delay)
                return InvalidDelay();
            graphql.Delay = delay;
            return Results.NoContent();
        });

        control.MapPost("/graphql-cache", async (HttpRequest request, GraphQLResponseCache cache) =>
        {
            var enabled = request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["enabled"] : null;
            if (enabled?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                return Invalid("Give the cache's state as {\"enabled\": true} or {\"enabled\": false}.");
            cache.Enabled = enabled.GetValue<bool>();
            return Results.NoContent();
        });

        control.MapPost("/compression", async (HttpRequest request, CompressionSettings compression) =>
        {
            var name = request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["encoding"] : null;
            var choice = name?.GetValueKind() == System.Text.Json.JsonValueKind.String ? CompressionSettings.Parse(name.GetValue<string>()) : null;
            if (choice is not { } chosen)
                return Invalid("Give the encoding as {\"encoding\": \"gzip\"}, \"br\", \"any\" or \"none\".");
            compression.Choice = chosen;
            return Results.NoContent();
        });

        control.MapPost("/jsonapi-links", async (HttpRequest request, JsonApiSettings jsonApi) =>
        {
            var origin = request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["origin"]?.GetValue<string>() : null;
            if (origin is not ("other" or "request"))
                return Invalid("Give the links' origin as {\"origin\": \"other\"} or {\"origin\": \"request\"}.");
            jsonApi.LinksToOtherOrigin = origin == "other";
            return Results.NoContent();
        });

        control.MapPost("/jsonapi-mode", async (HttpRequest request, JsonApiSettings jsonApi) =>
        {
            var readOnly = request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["readOnly"] : null;
            if (readOnly?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                return Invalid("Give the mode as {\"readOnly\": false} (writes accepted) or {\"readOnly\": true}.");
            jsonApi.ReadOnly = readOnly.GetValue<bool>();
            return Results.NoContent();
        });

        control.MapPost("/content", (ContentRequest request, ContentStore content) =>
        {
            if (request.Articles is not { } articles || articles is < 0 or > ContentRequest.MaxArticles)
                return Invalid($"'articles' must be from 0 to {ContentRequest.MaxArticles}.");
            if (request.UnpublishedEvery < 0)
                return Invalid("'unpublishedEvery' must be 0 (none) or more.");
            content.Replace(articles, request.UnpublishedEvery);
            return Results.NoContent();
        });

        control.MapPost("/drupal-version", async (HttpRequest request, DrupalVersion version) =>
        {
            var given = request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["version"] : null;
            if (given?.GetValueKind() != System.Text.Json.JsonValueKind.Number || !given.AsValue().TryGetValue<int>(out var major) || !DrupalVersion.IsKnown(major))
                return Invalid("Give the version as {\"version\": 10} or {\"version\": 11}.");
            version.Major = major;
            return Results.NoContent();
        });

        control.MapPost("/empty", (ContentStore content) =>
        {
            content.Empty();
            return Results.NoContent();
        });

        control.MapPost("/fault", (FaultRequest request, FaultInjector faults) =>
        {
            try
            {
                var route = ApiRoute.FromName(request.Route)
                    ?? throw new ArgumentException($"Unknown route '{request.Route}'; known: {string.Join(", ", ApiRoute.All.Select(r => r.Name))}.");
                if (request.Count < 1)
                    throw new ArgumentException("'count' must be at least 1.");
                faults.Add(route, FaultKinds.Create(request), request.Count);
                return Results.NoContent();
            }
            catch (ArgumentException invalid)
            {
                return Invalid(invalid.Message);
            }
        });
    }

    /// <summary>?ms=N, or {"ms": N} as DrupalTestServer.psm1 sends a -Body; a negative delay is none.</summary>
    private static async Task<TimeSpan?> ReadDelayAsync(HttpRequest request)
    {
        var ms = int.TryParse(request.Query["ms"], CultureInfo.InvariantCulture, out var fromQuery)
            ? fromQuery
            : request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["ms"]?.GetValue<int>() : null;
        return ms is null ? null : TimeSpan.FromMilliseconds(Math.Max(ms.Value, 0));
    }

    private static IResult InvalidDelay() => Invalid("Give the delay as ?ms=N or {\"ms\": N}.");

    private static IResult Invalid(string message) =>
        Results.Text(new JsonObject { ["message"] = message }.ToJsonString(DrupalResponses.JsonOptions),
            DrupalResponses.JsonContentType, statusCode: StatusCodes.Status400BadRequest);
}
