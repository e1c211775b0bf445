using System.Text;
using DrupalOAuth.Http;

namespace DrupalOAuth.Tests.Support;

/// <summary>Responses as the pipeline hands them on, built without a network.</summary>
internal static class HttpResults
{
    public static readonly Uri TokenUri = new("https://drupal.example.com/oauth/token");
    public static readonly Uri GraphQLUri = new("https://drupal.example.com/graphql");

    public static HttpResult Json(int status, string json, Uri? uri = null, string? wwwAuthenticate = null) =>
        Make(status, json, "application/json", uri, wwwAuthenticate);

    public static HttpResult Html(int status, string title, Uri? uri = null) =>
        Make(status, $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>Oops</h1></body></html>", "text/html", uri);

    public static HttpResult Make(int status, string body, string? contentType, Uri? uri = null, string? wwwAuthenticate = null, HttpMethod? method = null, TimeSpan? retryAfter = null) =>
        new HttpResult(
            method ?? HttpMethod.Post,
            uri ?? TokenUri,
            status,
            ReasonPhrases.For(status),
            contentType,
            Encoding.UTF8.GetBytes(body),
            wwwAuthenticate,
            TimeSpan.FromMilliseconds(5),
            retryAfter: retryAfter);
}
