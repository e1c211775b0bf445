using System.Text.Json.Nodes;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The route's real JSON:API page with its <c>links.next</c> rewritten by the request's <c>page[offset]</c> (0 when
/// it has none), as a contributed module or a proxy that rewrites links might: for cycles, jumps back, links to
/// other routes. An offset the map does not name, and the entry point, pass unchanged.
/// </summary>
public sealed class NextLinksFault(IReadOnlyDictionary<string, string?> links) : IFault
{
    public static NextLinksFault From(FaultRequest request) =>
        new(request.Links is { Count: > 0 } links ? links : throw request.Missing("links"));

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var body = await BufferedRoute.RunAsync(context, route);
        var offset = context.Request.Query["page[offset]"].FirstOrDefault() ?? "0";
        var isEntryPoint = context.Request.Path.Value?.EndsWith("/jsonapi", StringComparison.Ordinal) == true;
        if (!isEntryPoint && links.TryGetValue(offset, out var next) && JsonNode.Parse(body.Span) is JsonObject document)
        {
            var pageLinks = document["links"] as JsonObject ?? new JsonObject();
            document["links"] = pageLinks;
            if (string.IsNullOrEmpty(next))
            {
                pageLinks.Remove("next");
            }
            else
            {
                // A path is checked first: on Linux "/jsonapi/..." is also an absolute file: URI.
                var origin = $"{context.Request.Scheme}://{context.Request.Host}";
                pageLinks["next"] = new JsonObject { ["href"] = next.StartsWith('/') ? origin + next : next };
            }

            await DrupalResponses.JsonAsync(context.Response, context.Response.StatusCode, document, context.Response.ContentType ?? DrupalResponses.JsonContentType);
            return;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
