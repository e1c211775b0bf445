using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// JSON:API's writes in read-write mode, on nodes and tags: in Drupal's order the content type (415, a route filter),
/// the entity (404, param conversion), the route's entity access (403), then EntityResource's own steps: the document
/// read (400, 409, 422, 404 for a related item), field access (403), a taken uuid (409), validation (422).
/// </summary>
public sealed partial class JsonApiEndpoint
{
    private const string ApiJson = JsonApiDocument.ContentType;

    private async Task WriteAsync(HttpContext context, Caller caller, JsonApiPath path, JsonApiRoute route, LinkBuilder links)
    {
        var http = context.Request;
        var method = http.Method.ToUpperInvariant();
        if (method == "POST" && route.UploadField is { } uploadField)
        {
            await UploadAsync(context, caller, path, route, uploadField, links);
            return;
        }
        if (route.Kind is not (JsonApiRouteKind.Collection or JsonApiRouteKind.Individual) || route.Type is not (NodeResourceType or TermResourceType))
        {
            throw new JsonApiException(StatusCodes.Status405MethodNotAllowed,
                $"The test server does not implement {method} on this route; it writes nodes and tags (collections and individual resources) and uploads files.")
            { Allow = Get };
        }
        var type = route.Type;
        if (method != "DELETE")
            CheckContentType(http, ApiJson);
        var snapshot = content.Current;
        var entity = route.Uuid is null ? null : Find(new JsonApiRequest(caller, snapshot, path, links, version.Major), route);
        if (entity is not null)
            CheckTranslation(type, entity, method, path.Langcode);
        CheckParameterNames(links);
        if (WriteDenied(type, method, caller) is { } reason)
            throw new JsonApiException(StatusCodes.Status403Forbidden, reason);
        var notFound = new JsonApiException(StatusCodes.Status404NotFound,
            $"The \"entity\" parameter was not converted for the path \"{route.Pattern}\" (route name: \"{route.Name}\")");

        if (method == "DELETE")
        {
            var uuid = type.UuidOf(entity!);
            if (!(type is NodeResourceType ? content.Delete(uuid) : content.DeleteTerm(uuid)))
                throw notFound;
            stats.CountDeleted();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var data = await ReadDocumentAsync(http, type);
        if (method == "PATCH")
        {
            var id = data["id"]?.GetValueKind() == JsonValueKind.String ? data["id"]!.GetValue<string>() : "";
            var uuid = type.UuidOf(entity!);
            if (id != uuid)
                throw JsonApiException.BadRequest($"The selected entity ({uuid}) does not match the ID in the payload ({id}).");
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var saved = (type is NodeResourceType nodes
                ? (object?)SaveNode(nodes, data, (ContentNode?)entity, snapshot, caller, method, path.Langcode, now)
                : SaveTerm((TermResourceType)type, data, (TagTerm?)entity, snapshot, caller, method, now))
            ?? throw (method == "POST" ? Conflict() : notFound);
        int status;
        if (method == "POST")
        {
            stats.CountCreated();
            status = StatusCodes.Status201Created;
            context.Response.Headers.Location = links.Individual(type, type.UuidOf(saved));
        }
        else
        {
            stats.CountUpdated();
            status = StatusCodes.Status200OK;
        }
        var request = new JsonApiRequest(caller, content.Current, path, links, version.Major);
        var resource = ResourceNormalizer.ResourceObject(request, type, saved, EntityAccessKind.Allowed);
        await JsonApiDocument.WriteAsync(context.Response, status, Document(request, resource, [], SelfLinks(request)));
    }

    /// <summary>The route's entity access, with the reason Drupal's access result gives; null when allowed.</summary>
    private static string? WriteDenied(ResourceType type, string method, Caller caller)
    {
        if (type is NodeResourceType)
        {
            var permission = method switch
            {
                "POST" => $"create {type.Bundle} content",
                "PATCH" => $"edit any {type.Bundle} content",
                _ => $"delete any {type.Bundle} content",
            };
            return caller.HasPermission(PermissionCatalog.BypassNodeAccess) || caller.HasPermission(permission)
                ? null
                : $"The '{permission}' permission is required.";
        }
        // TermAccessControlHandler: the vocabulary's own permission or "administer taxonomy".
        var termPermission = method switch
        {
            "POST" => $"create terms in {type.Bundle}",
            "PATCH" => $"edit terms in {type.Bundle}",
            _ => $"delete terms in {type.Bundle}",
        };
        return caller.HasPermission(termPermission) || caller.HasPermission(TermResourceType.AdministerTaxonomy)
            ? null
            : $"The following permissions are required: '{termPermission}' OR '{TermResourceType.AdministerTaxonomy}'.";
    }

    /// <summary>Null when the uuid of a new node is taken (409) or the node is gone meanwhile (404).</summary>
    private ContentNode? SaveNode(NodeResourceType type, JsonObject data, ContentNode? old, ContentSnapshot snapshot, Caller caller, string method, string langcode, long now)
    {
        var change = NodeChange.Parse(data, type, snapshot, method, langcode, content.NextPathId);
        NodeChange.CheckAccess(change, method, old, caller, snapshot);
        if (method == "POST" && !change.Sets("title"))
            change.Violations.NotNull("title");
        if (old is null && change.Uuid is { } taken && snapshot.FindNode(taken) is not null)
            throw Conflict();
        change.Violations.ThrowIfAny();
        if (old is not null)
            return content.Update(old.Uuid, node => change.ApplyTo(node) with { Changed = now });
        return content.Create(nid =>
        {
            var uuid = change.Uuid ?? EntityUuid.Of(EntityUuid.Node, nid);
            if (change.Uuid is null && content.Current.FindNode(uuid) is not null)
                uuid = Guid.NewGuid().ToString();
            var fresh = new ContentNode(nid, uuid, type.Bundle, "", now, true, null, caller.Account.Uid, [], null, null, Changed: now) { BodyFormat = null };
            return change.ApplyTo(fresh);
        });
    }

    /// <summary>Null when the uuid of a new term is taken (409) or the term is gone meanwhile (404).</summary>
    private TagTerm? SaveTerm(TermResourceType type, JsonObject data, TagTerm? old, ContentSnapshot snapshot, Caller caller, string method, long now)
    {
        var change = TermChange.Parse(data, type, snapshot, method, content.NextPathId);
        TermChange.CheckAccess(change, method, old, caller, snapshot);
        if (method == "POST" && !change.Sets("name"))
            change.Violations.NotNull("name");
        if (old is null && change.Uuid is { } taken && snapshot.FindTerm(taken) is not null)
            throw Conflict();
        change.Violations.ThrowIfAny();
        if (old is not null)
            return content.UpdateTerm(old.Uuid, term => change.ApplyTo(term) with { Changed = now });
        return content.CreateTerm(tid =>
        {
            var uuid = change.Uuid ?? EntityUuid.Of(EntityUuid.Term, tid);
            if (change.Uuid is null && content.Current.FindTerm(uuid) is not null)
                uuid = Guid.NewGuid().ToString();
            return change.ApplyTo(new TagTerm(tid, "") { Uuid = uuid, Changed = now });
        });
    }

    /// <summary>
    /// EntityUuidConverter, while the entity is converted: a PATCH must name a translation the entity has, and a
    /// DELETE its original language, else 405 (JSON:API cannot add or delete a translation).
    /// </summary>
    private static void CheckTranslation(ResourceType type, object entity, string method, string langcode)
    {
        var langcodes = type.LangcodesOf(entity);
        var found = type.RowFor(entity, langcode).Langcode;
        if (method == "DELETE" && (found != langcodes[0] || found != langcode))
        {
            throw new JsonApiException(StatusCodes.Status405MethodNotAllowed,
                "Deleting a resource object translation is not yet supported. See https://www.drupal.org/docs/8/modules/jsonapi/translations.")
                { Allow = Get };
        }
        if (method == "PATCH" && found != langcode)
        {
            throw new JsonApiException(StatusCodes.Status405MethodNotAllowed,
                $"The requested translation of the resource object does not exist, instead modify one of the translations that do exist: {string.Join(", ", langcodes)}.")
                { Allow = Get };
        }
    }

    private static JsonApiException Conflict() => new(StatusCodes.Status409Conflict, "Conflict: Entity already exists.");

    /// <summary>ContentTypeHeaderMatcher: the media type without its parameters must be the route's.</summary>
    private static void CheckContentType(HttpRequest http, string expected)
    {
        var header = http.Headers.ContentType.ToString();
        if (header.Length == 0)
            throw new JsonApiException(StatusCodes.Status415UnsupportedMediaType, "No \"Content-Type\" request header specified");
        if (!header.Split(';')[0].Trim().Equals(expected, StringComparison.OrdinalIgnoreCase))
            throw new JsonApiException(StatusCodes.Status415UnsupportedMediaType, $"No route found that matches \"Content-Type: {header}\"");
    }

    /// <summary>EntityResource::deserialize and JsonApiDocumentTopLevelNormalizer::validateRequestBody, in their order.</summary>
    private static async Task<JsonObject> ReadDocumentAsync(HttpRequest http, ResourceType type)
    {
        JsonNode? body;
        using (var reader = new StreamReader(http.Body))
        {
            var text = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
            if (text.Length == 0)
                throw JsonApiException.BadRequest("Empty request body.");
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw JsonApiException.BadRequest("Syntax error");
            }
        }
        if (body is not JsonObject document)
            throw JsonApiException.BadRequest("Syntax error");
        if (document["relationships"] is JsonObject { Count: > 0 })
            throw JsonApiException.BadRequest("Found \"relationships\" within the document's top level. The \"relationships\" key must be within resource object.");
        if (document["data"] is not JsonObject data || data["type"] is null)
            throw JsonApiException.BadRequest("Resource object must include a \"type\".");
        var typeName = data["type"]!.GetValueKind() == JsonValueKind.String ? data["type"]!.GetValue<string>() : data["type"]!.ToJsonString();
        if (typeName != type.TypeName)
            throw new JsonApiException(StatusCodes.Status409Conflict, $"The provided type ({typeName}) does not match the destination resource types ({type.TypeName}).");
        if (data["id"] is { } id && (id.GetValueKind() != JsonValueKind.String || !Uuid().IsMatch(id.GetValue<string>())))
            throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, "IDs should be properly generated and formatted UUIDs as described in RFC 4122.");
        if (data["attributes"] is JsonObject attributes)
        {
            var asAttributes = attributes.Select(a => a.Key).Where(name => type.FindRelationship(name) is not null).ToArray();
            if (asAttributes.Length > 0)
                throw new JsonApiException(StatusCodes.Status422UnprocessableEntity,
                    $"The following relationship fields were provided as attributes: [ {string.Join(", ", asAttributes)} ]");
        }
        return data;
    }

    /// <summary>Drupal's Uuid::isValid.</summary>
    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
