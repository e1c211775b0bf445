using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>Where an <see cref="EchoFault"/> puts what the request carried.</summary>
public enum EchoPlace
{
    /// <summary>An OAuth error's <c>error_description</c>, 400.</summary>
    ErrorDescription,

    /// <summary>A JSON <c>message</c>, as Drupal renders an HTTP exception, 400.</summary>
    Message,

    /// <summary>A JSON:API error's <c>detail</c>, 422.</summary>
    Detail,

    /// <summary>An HTML page's title, 403.</summary>
    Title,

    /// <summary>The <c>error_description</c> of a <c>WWW-Authenticate</c> Bearer challenge, 401.</summary>
    WwwAuthenticate,

    /// <summary>A GraphQL error's message and extensions, 200.</summary>
    GraphQLError,
}

/// <summary>
/// A hostile or careless server that quotes the request's credentials back in its error: the Authorization header
/// (a bearer token, or Basic credentials), the form body as it came (URL-encoded, with the client secret) and the
/// client secret decoded. JSON is written with the default encoder, which escapes '+', '&amp;' and the like as
/// \u002B, so that echoes come in every encoding a client must recognise.
/// </summary>
public sealed class EchoFault(EchoPlace place) : IFault
{
    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var echo = await EchoAsync(context.Request);
        var response = context.Response;
        switch (place)
        {
            case EchoPlace.ErrorDescription:
                await Json(response, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Rejected: " + echo });
                break;
            case EchoPlace.Message:
                await Json(response, 400, new JsonObject { ["message"] = "Rejected: " + echo });
                break;
            case EchoPlace.Detail:
                await Json(response, 422, new JsonObject
                {
                    ["jsonapi"] = new JsonObject { ["version"] = "1.0" },
                    ["errors"] = new JsonArray(new JsonObject { ["title"] = "Unprocessable Content", ["status"] = "422", ["detail"] = "Rejected: " + echo }),
                }, "application/vnd.api+json");
                break;
            case EchoPlace.Title:
                await DrupalResponses.HtmlAsync(response, 403, "Rejected: " + echo, "Access denied.");
                break;
            case EchoPlace.WwwAuthenticate:
                response.Headers.WWWAuthenticate = $"Bearer realm=\"OAuth\", error=\"invalid_token\", error_description=\"Rejected: {echo.Replace("\"", "'")}\"";
                await DrupalResponses.HtmlAsync(response, 401, "Unauthorized", "Log in to access this page.");
                break;
            default:
                await Json(response, 200, new JsonObject
                {
                    ["data"] = null,
                    ["errors"] = new JsonArray(new JsonObject { ["message"] = "Rejected: " + echo, ["extensions"] = new JsonObject { ["category"] = "user", ["echo"] = echo } }),
                });
                break;
        }
    }

    private static async Task<string> EchoAsync(HttpRequest request)
    {
        var parts = new List<string>();
        if (request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
            parts.Add("Authorization: " + authorization);
        if (request.HasFormContentType)
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            parts.Add("body: " + await reader.ReadToEndAsync());
            request.Body.Position = 0;
            var form = await request.ReadFormAsync();
            if (form["client_secret"].ToString() is { Length: > 0 } secret)
                parts.Add("secret: " + secret);
        }
        return string.Join("; ", parts);
    }

    private static Task Json(HttpResponse response, int status, JsonNode body, string contentType = DrupalResponses.JsonContentType) =>
        DrupalResponses.WriteAsync(response, status, contentType, body.ToJsonString(JsonSerializerOptions.Default));
}
