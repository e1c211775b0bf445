using System.Globalization;
using System.Text.Json.Nodes;
using DrupalTestServer.Control.Faults;
using DrupalTestServer.Http;
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
            ContentStore content, TokenEndpoint tokenEndpoint) =>
        {
            stats.Reset();
            faults.Clear();
            tokens.RestoreRevoked();
            keys.Restore();
            content.Reset();
            tokenEndpoint.Delay = TimeSpan.Zero;
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
            // ?ms=N, or {"ms": N} as DrupalTestServer.psm1 sends a -Body.
            var ms = int.TryParse(request.Query["ms"], CultureInfo.InvariantCulture, out var fromQuery)
                ? fromQuery
                : request.HasJsonContentType() ? (await request.ReadFromJsonAsync<JsonObject>())?["ms"]?.GetValue<int>() : null;
            if (ms is null)
                return Invalid("Give the delay as ?ms=N or {\"ms\": N}.");
            tokenEndpoint.Delay = TimeSpan.FromMilliseconds(Math.Max(ms.Value, 0));
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

    private static IResult Invalid(string message) =>
        Results.Text(new JsonObject { ["message"] = message }.ToJsonString(DrupalResponses.JsonOptions),
            DrupalResponses.JsonContentType, statusCode: StatusCodes.Status400BadRequest);
}
