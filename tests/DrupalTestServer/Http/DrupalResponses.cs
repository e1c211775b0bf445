using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrupalTestServer.Site;

namespace DrupalTestServer.Http;

/// <summary>The kinds of answer Drupal gives outside of a route's own output: HTML error pages and JSON messages.</summary>
public static class DrupalResponses
{
    public const string HtmlContentType = "text/html; charset=UTF-8";
    public const string JsonContentType = "application/json";

    /// <summary>Large bodies go out a chunk at a time, each flushed, so that a streaming client starts on the first long before the last.</summary>
    private const int ChunkSize = 64 * 1024;

    /// <summary>Leaves quotes, backticks and slashes readable, closer to PHP's json_encode than the default escaping.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What Drupal's html exception subscriber renders; clients see only the title and status.</summary>
    public static string HtmlPage(string title, string message) =>
        $"""
        <!DOCTYPE html>
        <html lang="en" dir="ltr">
        <head>
        <meta charset="utf-8" />
        <title>{WebUtility.HtmlEncode(title)} | {SiteDirectory.SiteName}</title>
        </head>
        <body>
        <main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></main>
        </body>
        </html>

        """;

    public static Task HtmlAsync(HttpResponse response, int status, string title, string message) =>
        WriteAsync(response, status, HtmlContentType, HtmlPage(title, message));

    public static Task JsonAsync(HttpResponse response, int status, JsonNode body, string contentType = JsonContentType) =>
        WriteAsync(response, status, contentType, body.ToJsonString(JsonOptions));

    public static Task WriteAsync(HttpResponse response, int status, string contentType, string body) =>
        WriteAsync(response, status, contentType, Encoding.UTF8.GetBytes(body));

    /// <summary>With a Content-Length, as PHP behind a web server sends it, rather than chunked.</summary>
    public static async Task WriteAsync(HttpResponse response, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        var aborted = response.HttpContext.RequestAborted;
        if (body.Length <= ChunkSize)
        {
            await response.Body.WriteAsync(body, aborted);
            return;
        }
        for (var offset = 0; offset < body.Length; offset += ChunkSize)
        {
            await response.Body.WriteAsync(body.Slice(offset, Math.Min(ChunkSize, body.Length - offset)), aborted);
            await response.Body.FlushAsync(aborted);
        }
    }

    /// <summary>Drupal's JSON rendering of an HTTP exception, e.g. a 403 for a missing permission.</summary>
    public static Task MessageAsync(HttpResponse response, int status, string message) =>
        JsonAsync(response, status, new JsonObject { ["message"] = message });

    public static Task PermissionRequiredAsync(HttpResponse response, string permission) =>
        MessageAsync(response, StatusCodes.Status403Forbidden, $"The '{permission}' permission is required.");

    public static Task MethodNotAllowedAsync(HttpContext context, string allow)
    {
        var request = context.Request;
        context.Response.Headers.Allow = allow;
        return HtmlAsync(context.Response, StatusCodes.Status405MethodNotAllowed, "Client error",
            $"No route found for \"{request.Method} {request.Scheme}://{request.Host}{request.Path}\": Method Not Allowed (Allow: {allow})");
    }

    /// <summary>
    /// A refused bearer token. Authentication runs before routing, so the page is HTML unless the
    /// request asked for JSON with <c>?_format=json</c>; clients must read the status and header.
    /// </summary>
    public static Task UnauthorizedAsync(HttpContext context, string description)
    {
        context.Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"OAuth\", error=\"access_denied\", error_description=\"{description}\"";
        return context.Request.Query["_format"] == "json"
            ? MessageAsync(context.Response, StatusCodes.Status401Unauthorized, "The resource owner or authorization server denied the request.")
            : HtmlAsync(context.Response, StatusCodes.Status401Unauthorized, "Unauthorized", "Log in to access this page.");
    }

    public static Task NotFoundAsync(HttpContext context) =>
        HtmlAsync(context.Response, StatusCodes.Status404NotFound, "Page not found", "The requested page could not be found.");
}
