using DrupalTestServer.Http;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// The absolute links of one answer, made as Drupal makes them: from the request's scheme and Host (or, with the
/// test switch, the http listener under another name), with the language prefix, queries in UrlHelper's encoding.
/// </summary>
public sealed class LinkBuilder
{
    private readonly string basePath;
    private readonly string requestPath;
    private readonly string languagePrefix;

    public LinkBuilder(HttpRequest request, JsonApiPath path, JsonApiSettings settings, ListenerAddresses listeners)
    {
        Origin = settings.LinksToOtherOrigin ? $"http://localhost:{new Uri(listeners.Http).Port}" : $"{request.Scheme}://{request.Host}";
        basePath = Origin + path.BasePath;
        requestPath = Origin + request.Path.ToUriComponent();
        Query = QueryValue.Parse(request.QueryString.HasValue ? request.QueryString.Value![1..] : "");
        languagePrefix = path.LanguagePrefix is null ? "" : "/" + path.LanguagePrefix;
    }

    public string Origin { get; }

    /// <summary>The request's query as PHP parsed it.</summary>
    public QueryValue Query { get; }

    /// <summary>What the answer's links.self and an error's via link show: Symfony's URI, its query names sorted.</summary>
    public string RequestUrl => WithQuery(Query.SortedByName());

    /// <summary>The request's URL without a query, where Drupal points the info link of a <c>_format</c> error.</summary>
    public string RequestUrlWithoutQuery => requestPath;

    public string Index => basePath;

    /// <summary>A page of the site outside JSON:API, in the request's language.</summary>
    public string SitePage(string path) => Origin + languagePrefix + path;

    public string Collection(ResourceType type) => $"{basePath}/{type.EntityTypeId}/{type.Bundle}";

    public string Individual(ResourceType type, string uuid) => $"{Collection(type)}/{uuid}";

    public string Related(ResourceType type, string uuid, string field) => $"{Individual(type, uuid)}/{field}";

    public string Relationship(ResourceType type, string uuid, string field) => $"{Individual(type, uuid)}/relationships/{field}";

    /// <summary>The request's own path with another query, as pager links are made.</summary>
    public string WithQuery(QueryValue replaced)
    {
        var text = replaced.ToQueryString();
        return text.Length == 0 ? requestPath : $"{requestPath}?{text}";
    }
}
