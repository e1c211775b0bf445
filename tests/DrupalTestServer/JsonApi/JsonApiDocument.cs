using System.Globalization;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;
using DrupalTestServer.Site;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace DrupalTestServer.JsonApi;

/// <summary>JSON:API's top-level documents: every one starts with the <c>jsonapi</c> member.</summary>
public static class JsonApiDocument
{
    public const string ContentType = "application/vnd.api+json";

    /// <summary>HttpExceptionNormalizer::getInfoUrl: the RFC 2616 section of each status it knows.</summary>
    private static readonly Dictionary<int, string> InfoSections = new()
    {
        [400] = "#sec10.4.1", [401] = "#sec10.4.2", [403] = "#sec10.4.4", [404] = "#sec10.4.5", [405] = "#sec10.4.6",
        [406] = "#sec10.4.7", [409] = "#sec10.4.10", [415] = "#sec10.4.16", [500] = "#sec10.5.1", [501] = "#sec10.5.2",
        [502] = "#sec10.5.3", [503] = "#sec10.5.4", [504] = "#sec10.5.5",
    };

    /// <summary>A document whose first member, <c>jsonapi</c>, <see cref="WriteAsync"/> fills in for the site's version.</summary>
    public static JsonObject Start() => new() { ["jsonapi"] = null };

    public static JsonObject Link(string href) => new() { ["href"] = href };

    public static Task WriteAsync(HttpResponse response, int status, JsonObject document)
    {
        document["jsonapi"] = Member(response.HttpContext.RequestServices.GetRequiredService<DrupalVersion>().Major);
        return DrupalResponses.JsonAsync(response, status, document, ContentType);
    }

    /// <summary>Drupal 10's JSON:API speaks version 1.0 of the specification, Drupal 11's 1.1 (JsonApiSpec).</summary>
    private static JsonObject Member(int drupal) => drupal >= DrupalVersion.Drupal11
        ? new JsonObject
        {
            ["version"] = "1.1",
            ["meta"] = new JsonObject { ["links"] = new JsonObject { ["self"] = Link("https://jsonapi.org/format/1.1/") } },
        }
        : new JsonObject
        {
            ["version"] = "1.0",
            ["meta"] = new JsonObject { ["links"] = new JsonObject { ["self"] = Link("http://jsonapi.org/format/1.0/") } },
        };

    /// <param name="requestUrl">The <c>via</c> link when the exception names no other.</param>
    public static Task ErrorAsync(HttpResponse response, JsonApiException error, string requestUrl)
    {
        if (error.Allow is not null)
            response.Headers.Allow = error.Allow;
        if (error.RetryAfter is not null)
            response.Headers.RetryAfter = error.RetryAfter;
        var document = Start();
        document["errors"] = new JsonArray((error.Violations ?? [error]).Select(e => (JsonNode)ErrorObject(e, requestUrl)).ToArray());
        if (response.HttpContext.Features.Get<IHttpResponseFeature>() is { } status)
            status.ReasonPhrase = Title(error.Status);
        return WriteAsync(response, error.Status, document);
    }

    /// <summary>One error object; also what meta.omitted is made of.</summary>
    public static JsonObject ErrorObject(JsonApiException error, string requestUrl)
    {
        var links = new JsonObject { ["via"] = Link(error.Via ?? requestUrl) };
        if ((error.Info ?? InfoUrl(error.Status)) is { } info)
            links["info"] = Link(info);
        var json = new JsonObject
        {
            ["title"] = Title(error.Status),
            ["status"] = error.Status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = error.Message,
            ["links"] = links,
        };
        if (error.Pointer is not null)
            json["source"] = new JsonObject { ["pointer"] = error.Pointer };
        return json;
    }

    /// <summary>Symfony 6.4's reason phrases, in the status line and the title, which Drupal 10.5 takes: RFC 9110 renamed 422 "Unprocessable Content".</summary>
    private static string Title(int status) =>
        status == StatusCodes.Status422UnprocessableEntity ? "Unprocessable Content" : ReasonPhrases.GetReasonPhrase(status);

    private static string? InfoUrl(int status) =>
        InfoSections.TryGetValue(status, out var section) ? "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html" + section : null;
}
