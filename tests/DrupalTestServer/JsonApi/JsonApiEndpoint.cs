using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DrupalTestServer.Control;
using DrupalTestServer.Http;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using Microsoft.AspNetCore.Http.Extensions;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// Drupal core's JSON:API in read-only mode, in Drupal's order of checks: the route (else the HTML 404 page), the
/// method (405), the requested entity (404), the query parameter names (400), then the controller's own checks.
/// </summary>
public sealed partial class JsonApiEndpoint(ContentStore content, JsonApiSettings settings, ListenerAddresses listeners, ServerStats stats,
    StormSwitch storm, MaintenanceMode maintenance, DrupalVersion version)
{
    private const string Get = "GET";

    private static readonly string[] ReservedParameters = ["filter", "sort", "page", "fields", "include"];

    /// <summary>The paths to map here: a language prefix that is not the site's own makes a 404 here too.</summary>
    public static IReadOnlyList<string> RoutePatterns { get; } = [JsonApiPath.Base + "/{**rest}", "/{prefix}" + JsonApiPath.Base + "/{**rest}"];

    /// <summary>
    /// A storm first, as a limiter in front of the site answers without asking it; then the test delays, so that they
    /// hold for every answer, 401s included, each request waiting on its own; then the caller.
    /// </summary>
    public async Task RunAsync(HttpContext context, BearerAuthenticator bearer)
    {
        if (storm.TryTake() is { } refusal)
        {
            stats.CountStormAnswer();
            await StormAnswerAsync(context, refusal.Status, refusal.RetryAfterSec);
            return;
        }
        var delay = settings.Delay + (IsWrite(context.Request) ? settings.WriteDelay : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, context.RequestAborted);
        await bearer.RunAsync(context, caller => HandleAsync(context, caller));
    }

    /// <summary>What the write delay and the <c>jsonapiWrites</c> count apply to.</summary>
    public static bool IsWrite(HttpRequest http) =>
        HttpMethods.IsPost(http.Method) || HttpMethods.IsPatch(http.Method) || HttpMethods.IsDelete(http.Method);

    /// <summary>As a JSON:API error document, so that a client reads it as it reads Drupal's own errors.</summary>
    private Task StormAnswerAsync(HttpContext context, int status, int retryAfterSec)
    {
        var detail = status == StatusCodes.Status429TooManyRequests
            ? $"Too many requests from this client. Retry after {retryAfterSec} s."
            : $"The site is overloaded. Retry after {retryAfterSec} s.";
        var via = JsonApiPath.Parse(context.Request.Path) is { } path
            ? new LinkBuilder(context.Request, path, settings, listeners).RequestUrl
            : context.Request.GetEncodedUrl();
        return JsonApiDocument.ErrorAsync(context.Response,
            new JsonApiException(status, detail) { RetryAfter = retryAfterSec.ToString(CultureInfo.InvariantCulture) }, via);
    }

    private async Task HandleAsync(HttpContext context, Caller caller)
    {
        if (JsonApiPath.Parse(context.Request.Path) is not { } path || JsonApiRoute.Match(path) is not { } route)
        {
            await DrupalResponses.NotFoundAsync(context);
            return;
        }
        var links = new LinkBuilder(context.Request, path, settings, listeners);
        try
        {
            CheckMethod(context.Request, route, links, settings.ReadOnly);
            if (links.Query["_format"]?.Text is { } format && format != "api_json")
            {
                // Routing finds no route for another format; the error is in that format, not JSON:API's.
                await DrupalResponses.MessageAsync(context.Response, StatusCodes.Status406NotAcceptable,
                    $"No route found for the specified format {format}. Supported formats: api_json.");
                return;
            }
            CheckMaintenance(caller);
            if (!IsRead(context.Request))
            {
                await WriteAsync(context, caller, path, route, links);
                return;
            }
            var request = new JsonApiRequest(caller, content.Current, path, links, version.Major);
            var entity = route.Uuid is null ? null : Find(request, route);
            CheckParameterNames(links);
            var document = route.Kind switch
            {
                JsonApiRouteKind.Index => Index(request),
                JsonApiRouteKind.Collection => Collection(request, route.Type!),
                JsonApiRouteKind.Individual => Individual(request, route.Type!, entity!),
                JsonApiRouteKind.Related => Related(request, route.Type!, entity!, route.Field!),
                _ => Relationship(request, route.Type!, entity!, route.Field!),
            };
            await JsonApiDocument.WriteAsync(context.Response, StatusCodes.Status200OK, document);
        }
        catch (JsonApiException error)
        {
            await JsonApiDocument.ErrorAsync(context.Response, error, links.RequestUrl);
        }
    }

    private static bool IsRead(HttpRequest http) => HttpMethods.IsGet(http.Method) || HttpMethods.IsHead(http.Method);

    /// <summary>Read-only mode takes the writing routes away; a method no route has is refused as Symfony refuses it.</summary>
    private static void CheckMethod(HttpRequest http, JsonApiRoute route, LinkBuilder links, bool readOnly)
    {
        var method = HttpMethods.IsHead(http.Method) ? Get : http.Method.ToUpperInvariant();
        if (method == Get || (!readOnly && route.Methods.Contains(method)))
            return;
        if (route.Methods.Contains(method))
        {
            throw new JsonApiException(StatusCodes.Status405MethodNotAllowed,
                $"JSON:API is configured to accept only read operations. Site administrators can configure this at {links.SitePage("/admin/config/services/jsonapi")}.")
            { Allow = Get };
        }
        var allow = string.Join(", ", route.Methods);
        throw new JsonApiException(StatusCodes.Status405MethodNotAllowed,
            $"No route found for \"{http.Method} {links.RequestUrl}\": Method Not Allowed (Allow: {allow})")
        { Allow = allow };
    }

    /// <summary>
    /// JsonapiMaintenanceModeSubscriber: after routing (an unknown path or method is answered as ever), before the
    /// controller; a caller with the exempt permission uses the site as usual.
    /// </summary>
    private void CheckMaintenance(Caller caller)
    {
        if (maintenance.RetryAfterSec() is not { } retryAfter || caller.HasPermission(MaintenanceMode.ExemptPermission))
            return;
        stats.CountMaintenanceAnswer();
        throw new JsonApiException(StatusCodes.Status503ServiceUnavailable, MaintenanceMode.Message)
            { RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>The entity of the path, converted while routing: an unknown uuid is a 404 before anything else is checked.</summary>
    private static object Find(JsonApiRequest request, JsonApiRoute route)
    {
        var entity = route.Type!.Find(request.Content, route.Uuid!)
            ?? throw new JsonApiException(StatusCodes.Status404NotFound,
                $"The \"entity\" parameter was not converted for the path \"{route.Pattern}\" (route name: \"{route.Name}\")");
        if (route.Kind == JsonApiRouteKind.Individual && route.Type.VersionOf(entity) is { } version)
            CheckResourceVersion(request.Query["resourceVersion"]?.Text, version);
        return entity;
    }

    /// <summary>Each node has one revision, which is its latest and its working copy.</summary>
    private static void CheckResourceVersion(string? requested, string version)
    {
        if (requested is null or "rel:latest-version" or "rel:working-copy" || requested == version)
            return;
        throw requested.StartsWith("id:", StringComparison.Ordinal) && int.TryParse(requested[3..], out _)
            ? new JsonApiException(StatusCodes.Status404NotFound, $"The requested version, identified by `{requested}`, could not be found.")
            : JsonApiException.BadRequest($"An invalid resource version identifier, `{requested}`, was provided.");
    }

    /// <summary>JsonApiRequestValidator: custom parameter names need a character other than a–z, and <c>_format</c> is frowned upon.</summary>
    private static void CheckParameterNames(LinkBuilder links)
    {
        var invalid = links.Query.Entries.Select(entry => entry.Key)
            .Where(name => !ReservedParameters.Contains(name) && !(MemberName().IsMatch(name) && name.Any(c => c is < 'a' or > 'z')))
            .ToArray();
        if (invalid.Contains("_format"))
            throw new JsonApiException(StatusCodes.Status400BadRequest, "JSON:API does not need that ugly '_format' query string! 🤘 Use the URL provided in 'links' 🙏")
                { Info = links.RequestUrlWithoutQuery };
        if (invalid.Length > 0)
            throw new JsonApiException(StatusCodes.Status400BadRequest, $"The following query parameters violate the JSON:API spec: '{string.Join("', '", invalid)}'.")
                { Info = "http://jsonapi.org/format/#query-parameters" };
    }

    private static JsonObject Index(JsonApiRequest request)
    {
        var links = new JsonObject { ["self"] = JsonApiDocument.Link(request.Links.Index) };
        foreach (var type in ResourceTypes.All)
            links[type.TypeName] = JsonApiDocument.Link(request.Links.Collection(type));
        var document = JsonApiDocument.Start();
        document["data"] = new JsonArray();
        if (request.Caller.Account.Uid != 0)
        {
            var uuid = request.Caller.Account.Uuid;
            var users = ResourceTypes.Find(ResourceTypes.UserTypeName)!;
            document["meta"] = new JsonObject
            {
                ["links"] = new JsonObject
                {
                    ["me"] = new JsonObject
                    {
                        ["meta"] = new JsonObject { ["id"] = uuid },
                        ["href"] = request.Links.Individual(users, uuid),
                    },
                },
            };
        }
        document["links"] = links;
        return document;
    }

    /// <summary>
    /// EntityResource::getCollection: the query (filter, sort, one row past the page to know of a next one), then
    /// access per entity: what the caller may not see leaves the page after it was cut, so pages can come back short.
    /// </summary>
    private static JsonObject Collection(JsonApiRequest request, ResourceType type)
    {
        var query = request.Query;
        IEnumerable<object> entities = type.Entities(request.Content);
        if (query["filter"] is { } filterParameter)
        {
            var filter = FilterParser.Parse(filterParameter, type, request.Caller);
            var guard = new FilterGuard(request.Caller);
            var filterable = guard.For(type);
            entities = entities.Where(entity => filterable?.Invoke(entity) != false
                && type.Rows(entity).Any(row => filter.Matches(row, request.Content, guard)));
        }
        if (query["sort"] is { } sortParameter)
            entities = Sorted(request, type, entities, SortField.Parse(sortParameter, type, request.Caller));
        var page = OffsetPage.Parse(query["page"]);
        var rows = entities.Skip(page.Offset).Take(Math.Max(page.Limit, 0) + 1).ToArray();
        var hasNextPage = rows.Length > page.Limit;
        var checkedRows = rows.Take(page.Limit).Select(entity => new CheckedResource(type, entity, request.AccessTo(type, entity))).ToArray();
        var data = new JsonArray(Visible(request, checkedRows).ToArray());
        var included = Includes(request, checkedRows);
        page.CheckLimit();

        var links = new JsonObject();
        if (hasNextPage)
            links["next"] = PagerLink(request, page.Offset + page.Limit, page.Limit);
        if (page.Offset > 0)
        {
            links["first"] = PagerLink(request, 0, page.Limit);
            links["prev"] = PagerLink(request, Math.Max(page.Offset - page.Limit, 0), page.Limit);
        }
        links["self"] = JsonApiDocument.Link(request.Links.RequestUrl);
        return Document(request, data, included, links);
    }

    private static JsonObject Individual(JsonApiRequest request, ResourceType type, object entity)
    {
        var resource = Viewable(request, type, entity);
        return Document(request, ResourceNormalizer.ResourceObject(request, type, entity, resource.Access.Kind), Includes(request, [resource]), SelfLinks(request));
    }

    /// <summary>The targets of one relationship, as resources; to-one gives an object or null.</summary>
    private static JsonObject Related(JsonApiRequest request, ResourceType type, object entity, RelationshipField field)
    {
        Viewable(request, type, entity);
        var targets = field.TargetType is { } targetType
            ? field.Items(request.RowOf(type, entity), request.Content)
                .Where(item => item.Entity is not null)
                .Select(item => new CheckedResource(targetType, item.Entity!, request.AccessTo(targetType, item.Entity!)))
                .ToArray()
            : [];
        var visible = Visible(request, targets).ToArray();
        JsonNode? data = field.ToMany ? new JsonArray(visible) : visible.FirstOrDefault();
        return Document(request, data, Includes(request, targets), SelfLinks(request));
    }

    /// <summary>The relationship's resource identifiers, with its self and related links.</summary>
    private static JsonObject Relationship(JsonApiRequest request, ResourceType type, object entity, RelationshipField field)
    {
        var host = Viewable(request, type, entity);
        var links = SelfLinks(request);
        links["related"] = JsonApiDocument.Link(request.Links.Related(type, host.Uuid, field.PublicName));
        var data = ResourceNormalizer.RelationshipData(request, request.RowOf(type, entity), field);
        return Document(request, data, Includes(request, [host]), links);
    }

    /// <summary>The entity a route names, or the 403 Drupal gives for one the caller may not see.</summary>
    private static CheckedResource Viewable(JsonApiRequest request, ResourceType type, object entity)
    {
        var resource = new CheckedResource(type, entity, request.AccessTo(type, entity));
        if (resource.Access.Kind != EntityAccessKind.Denied)
            return resource;
        var reason = resource.Access.Reason is { } given ? " " + given : "";
        throw new JsonApiException(StatusCodes.Status403Forbidden, OmittedItems.Detail + reason)
        {
            Via = request.Links.Individual(type, resource.Uuid),
            Pointer = "/data",
        };
    }

    /// <summary>The resource objects of those the caller may see; the others go to meta.omitted.</summary>
    private static IEnumerable<JsonNode> Visible(JsonApiRequest request, IEnumerable<CheckedResource> resources)
    {
        foreach (var resource in resources)
        {
            if (resource.Access.Kind == EntityAccessKind.Denied)
                request.Omitted.Add(request.Links.Individual(resource.Type, resource.Uuid), resource.Access.Reason);
            else
                yield return ResourceNormalizer.ResourceObject(request, resource.Type, resource.Entity, resource.Access.Kind);
        }
    }

    private static IReadOnlyList<JsonObject> Includes(JsonApiRequest request, IReadOnlyList<CheckedResource> data) =>
        request.Query["include"]?.Text is { Length: > 0 } include ? IncludeResolver.Resolve(request, data, include) : [];

    /// <summary>Like ORDER BY: each key in turn, the entity order (by id) breaking ties.</summary>
    private static IEnumerable<object> Sorted(JsonApiRequest request, ResourceType type, IEnumerable<object> entities, IReadOnlyList<SortField> sorts)
    {
        var ordered = entities.OrderBy(_ => 0);
        foreach (var sort in sorts)
        {
            Func<object, object?> key = entity => sort.Path.Values(request.RowOf(type, entity), request.Content, null).FirstOrDefault();
            ordered = sort.Descending ? ordered.ThenByDescending(key, ValueComparer.Ordering) : ordered.ThenBy(key, ValueComparer.Ordering);
        }
        return ordered;
    }

    /// <summary>The request's own query with <c>page</c> replaced, in its place: every other parameter is kept.</summary>
    private static JsonObject PagerLink(JsonApiRequest request, int offset, int limit) =>
        JsonApiDocument.Link(request.Links.WithQuery(request.Query.With("page", QueryValue.Map(
        [
            new("offset", QueryValue.Leaf(offset.ToString(CultureInfo.InvariantCulture))),
            new("limit", QueryValue.Leaf(limit.ToString(CultureInfo.InvariantCulture))),
        ]))));

    private static JsonObject SelfLinks(JsonApiRequest request) => new() { ["self"] = JsonApiDocument.Link(request.Links.RequestUrl) };

    private static JsonObject Document(JsonApiRequest request, JsonNode? data, IReadOnlyList<JsonObject> included, JsonObject links)
    {
        var document = JsonApiDocument.Start();
        document["data"] = data;
        if (included.Count > 0)
            document["included"] = new JsonArray(included.ToArray<JsonNode?>());
        if (request.Omitted.Any)
            document["meta"] = new JsonObject { ["omitted"] = request.Omitted.ToJson() };
        document["links"] = links;
        return document;
    }

    /// <summary>JsonApiSpec's member name: globally allowed characters at both ends, also '-', '_' and ' ' inside.</summary>
    [GeneratedRegex(@"^[a-zA-Z0-9\u0080-\uFFFF]([a-zA-Z0-9\u0080-\uFFFF\-_ ]*[a-zA-Z0-9\u0080-\uFFFF])?$")]
    private static partial Regex MemberName();
}
