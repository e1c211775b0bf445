using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;
using DrupalTestServer.JsonApi;
using DrupalTestServer.OAuth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DrupalTestServer.Control;

/// <summary>
/// <c>/_test/echo[/…]</c>, any method, behind the bearer check: tells a generic client's test what arrived (never the
/// token), or answers as asked: <c>?status=N</c> a JSON:API error, <c>?type=text</c> plain text, <c>?type=bytes&amp;size=N</c> a download.
/// </summary>
public static class EchoEndpoint
{
    public const string PlainText = "plain text from Drupal";

    public static async Task HandleAsync(HttpContext context, Caller caller)
    {
        var request = context.Request;
        var query = request.Query;
        if (query.ContainsKey("status"))
        {
            if (!int.TryParse(query["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 200 or > 599)
            {
                await DrupalResponses.MessageAsync(context.Response, StatusCodes.Status400BadRequest, "'status' must be from 200 to 599.");
                return;
            }
            var requestUrl = $"{request.Scheme}://{request.Host}{request.Path.ToUriComponent()}{request.QueryString}";
            await JsonApiDocument.ErrorAsync(context.Response,
                new JsonApiException(status, $"The test server answers {status} ({ReasonPhrases.GetReasonPhrase(status)}) because the request asked for it."),
                requestUrl);
            return;
        }
        switch (query["type"].ToString())
        {
            case "text":
                await DrupalResponses.WriteAsync(context.Response, StatusCodes.Status200OK, "text/plain; charset=UTF-8", PlainText);
                return;
            case "bytes":
                await BytesAsync(context);
                return;
        }
        await DrupalResponses.JsonAsync(context.Response, StatusCodes.Status200OK, await DescribeAsync(request, caller));
    }

    private static async Task BytesAsync(HttpContext context)
    {
        if (!long.TryParse(context.Request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            await DrupalResponses.MessageAsync(context.Response, StatusCodes.Status400BadRequest, "'size' must be a number of bytes.");
            return;
        }
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = size;
        if (!HttpMethods.IsHead(context.Request.Method))
            await PatternBytes.WriteAsync(response.Body, size, 0, context.RequestAborted);
    }

    private static async Task<JsonObject> DescribeAsync(HttpRequest request, Caller caller)
    {
        // Uploads of any size: the body is what the test wants to see.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var bytes = body.ToArray();
        var authorization = request.Headers.Authorization.ToString();
        var headers = request.Headers
            .Where(h => h.Key != HeaderNames.Authorization && h.Key != HeaderNames.Cookie)
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value.ToString()));
        return new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.Path.Value,
            ["query"] = new JsonObject(request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))),
            ["contentType"] = request.ContentType,
            ["contentLength"] = request.ContentLength,
            // Only the scheme word: the echo must never show a token.
            ["authorization"] = authorization.Length == 0 ? null : authorization.Split(' ', 2)[0],
            ["headers"] = new JsonObject(headers),
            ["bodyText"] = Encoding.UTF8.GetString(bytes),
            ["bodyBase64"] = Convert.ToBase64String(bytes),
            ["user"] = caller.Account.Name,
        };
    }
}
