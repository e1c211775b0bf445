using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// JSON:API's writes in read-write mode, on nodes: in Drupal's order the content type (415, a route filter), the
/// entity (404, param conversion), the route's entity access (403), then EntityResource's own checks on the document.
/// </summary>
public sealed partial class JsonApiEndpoint
{
    private const string ApiJson = JsonApiDocument.ContentType;

    /// <summary>NodeAccessControlHandler::checkFieldAccess: these need "administer nodes" to be edited.</summary>
    private static readonly string[] AdministrativeFields = ["uid", "status", "created", "promote", "sticky"];

    /// <summary>Fields nobody edits: the ids, and revision data that saving sets.</summary>
    private static readonly string[] ReadOnlyFields = ["drupal_internal__nid", "drupal_internal__vid", "revision_timestamp", "revision_uid"];

    /// <summary>Known fields a write may carry that this server keeps as they are (one language, no aliases, no revisions).</summary>
    private static readonly string[] IgnoredFields = ["langcode", "default_langcode", "revision_log", "revision_translation_affected", "path", "changed", "node_type"];

    private async Task WriteAsync(HttpContext context, Caller caller, JsonApiPath path, JsonApiRoute route, LinkBuilder links)
    {
        var http = context.Request;
        var method = http.Method.ToUpperInvariant();
        if (method == "POST" && route.UploadField is { } uploadField)
        {
            await UploadAsync(context, caller, path, route, uploadField, links);
            return;
        }
        if (route.Kind is not (JsonApiRouteKind.Collection or JsonApiRouteKind.Individual) || route.Type is not NodeResourceType type)
        {
            throw new JsonApiException(StatusCodes.Status405MethodNotAllowed,
                $"The test server does not implement {method} on this route; it writes nodes (collections and individual resources) and uploads files.")
            { Allow = Get };
        }
        if (method != "DELETE")
            CheckContentType(http, ApiJson);
        var snapshot = content.Current;
        var node = route.Uuid is null ? null : (ContentNode)Find(new JsonApiRequest(caller, snapshot, path, links), route);
        CheckParameterNames(links);
        var permission = method switch
        {
            "POST" => $"create {type.Bundle} content",
            "PATCH" => $"edit any {type.Bundle} content",
            _ => $"delete any {type.Bundle} content",
        };
        if (!caller.HasPermission(PermissionCatalog.BypassNodeAccess) && !caller.HasPermission(permission))
            throw new JsonApiException(StatusCodes.Status403Forbidden, $"The '{permission}' permission is required.");

        if (method == "DELETE")
        {
            if (!content.Delete(node!.Uuid))
                throw new JsonApiException(StatusCodes.Status404NotFound,
                    $"The \"entity\" parameter was not converted for the path \"{route.Pattern}\" (route name: \"{route.Name}\")");
            stats.CountDeleted();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var data = await ReadDocumentAsync(http, type);
        if (method == "PATCH")
        {
            var id = data["id"]?.GetValueKind() == JsonValueKind.String ? data["id"]!.GetValue<string>() : "";
            if (id != node!.Uuid)
                throw JsonApiException.BadRequest($"The selected entity ({node.Uuid}) does not match the ID in the payload ({id}).");
        }
        var change = NodeChange.Parse(data, type, snapshot, caller, method);
        ContentNode saved;
        int status;
        if (method == "POST")
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (change.Title is null)
                throw Invalid("title", "title: This value should not be null.");
            saved = content.Create(nid =>
                {
                    var uuid = change.Uuid ?? EntityUuid.Of(EntityUuid.Node, nid);
                    if (change.Uuid is null && content.Current.FindNode(uuid) is not null)
                        uuid = Guid.NewGuid().ToString();
                    var fresh = new ContentNode(nid, uuid, type.Bundle, change.Title, now, true, "", caller.Account.Uid, [], null, null, Changed: now);
                    return change.ApplyTo(fresh);
                })
                ?? throw new JsonApiException(StatusCodes.Status409Conflict, "Conflict: Entity already exists.");
            stats.CountCreated();
            status = StatusCodes.Status201Created;
            context.Response.Headers.Location = links.Individual(type, saved.Uuid);
        }
        else
        {
            if (change.HasTitle && change.Title is null)
                throw Invalid("title", "title: This value should not be null.");
            saved = content.Update(node!.Uuid, old => change.ApplyTo(old) with { Changed = DateTimeOffset.UtcNow.ToUnixTimeSeconds() })
                ?? throw new JsonApiException(StatusCodes.Status404NotFound,
                    $"The \"entity\" parameter was not converted for the path \"{route.Pattern}\" (route name: \"{route.Name}\")");
            stats.CountUpdated();
            status = StatusCodes.Status200OK;
        }
        var request = new JsonApiRequest(caller, content.Current, path, links);
        var resource = ResourceNormalizer.ResourceObject(request, type, saved, EntityAccessKind.Allowed);
        await JsonApiDocument.WriteAsync(context.Response, status, Document(request, resource, [], SelfLinks(request)));
    }

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

    /// <summary>A constraint violation, as JSON:API's 422 names the field it is about.</summary>
    private static JsonApiException Invalid(string field, string detail, string member = "attributes") =>
        new(StatusCodes.Status422UnprocessableEntity, detail) { Pointer = $"/data/{member}/{field}" };

    /// <summary>Drupal's Uuid::isValid.</summary>
    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();

    /// <summary>What a POST or PATCH document sets on a node, checked field by field; null members are not sent.</summary>
    private sealed class NodeChange
    {
        public string? Uuid { get; private init; }

        public bool HasTitle { get; private set; }

        public string? Title { get; private set; }

        private string? body;
        private bool? status;
        private bool? promote;
        private bool? sticky;
        private long? created;
        private int? authorUid;
        private IReadOnlyList<int>? tagTids;
        private (bool Given, int? Fid) image;

        public static NodeChange Parse(JsonObject data, NodeResourceType type, ContentSnapshot snapshot, Caller caller, string method)
        {
            var change = new NodeChange { Uuid = method == "POST" ? data["id"]?.GetValue<string>() : null };
            foreach (var member in new[] { "attributes", "relationships" })
            {
                if (data[member] is not JsonObject fields)
                    continue;
                foreach (var (name, value) in fields)
                {
                    if (type.FindField(name) is not { } field || field.PublicName != name)
                        throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, $"The attribute {name} does not exist on the {type.TypeName} resource type.");
                    if (ReadOnlyFields.Contains(name) || (AdministrativeFields.Contains(name) && !caller.HasPermission(PermissionCatalog.AdministerNodes)))
                    {
                        throw new JsonApiException(StatusCodes.Status403Forbidden, $"The current user is not allowed to {method} the selected field ({name}).")
                            { Pointer = $"/data/{member}/{name}" };
                    }
                    if (member == "attributes")
                        change.SetAttribute(name, value);
                    else
                        change.SetRelationship((RelationshipField)field, value, snapshot);
                }
            }
            return change;
        }

        public ContentNode ApplyTo(ContentNode node) => node with
        {
            Title = HasTitle ? Title! : node.Title,
            Body = body ?? node.Body,
            Status = status ?? node.Status,
            Promote = promote ?? node.Promote,
            Sticky = sticky ?? node.Sticky,
            Created = created ?? node.Created,
            AuthorUid = authorUid ?? node.AuthorUid,
            TagTids = tagTids ?? node.TagTids,
            ImageFid = image.Given ? image.Fid : node.ImageFid,
        };

        private void SetAttribute(string name, JsonNode? value)
        {
            switch (name)
            {
                case "title":
                    HasTitle = true;
                    Title = value is null ? null : Text(name, value);
                    break;
                case "body":
                    // A text field takes its properties, or its main property (value) alone.
                    body = value switch
                    {
                        null => "",
                        JsonObject properties => properties["value"] is { } text ? Text("body", text) : "",
                        _ => Text(name, value),
                    };
                    break;
                case "status":
                    status = Flag(name, value);
                    break;
                case "promote":
                    promote = Flag(name, value);
                    break;
                case "sticky":
                    sticky = Flag(name, value);
                    break;
                case "created":
                    created = Time(name, value);
                    break;
                default:
                    if (!IgnoredFields.Contains(name))
                        throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, $"The attribute {name} does not exist on the node resource type.");
                    break;
            }
        }

        /// <summary>JsonApiDocumentTopLevelNormalizer: ids and types first, then each target loaded, a missing one a 404.</summary>
        private void SetRelationship(RelationshipField field, JsonNode? relationship, ContentSnapshot snapshot)
        {
            var items = relationship?["data"] switch
            {
                null => [],
                JsonArray array => array.ToArray(),
                JsonObject one => [one],
                _ => throw JsonApiException.BadRequest("No ID specified for related resource"),
            };
            var targets = new List<int>();
            foreach (var (item, delta) in items.Select((item, delta) => (item, delta)))
            {
                var id = item?["id"]?.GetValueKind() == JsonValueKind.String ? item["id"]!.GetValue<string>() : null;
                if (string.IsNullOrEmpty(id))
                    throw JsonApiException.BadRequest("No ID specified for related resource");
                var typeName = item!["type"]?.GetValueKind() == JsonValueKind.String ? item["type"]!.GetValue<string>() : null;
                if (string.IsNullOrEmpty(typeName))
                    throw JsonApiException.BadRequest("No type specified for related resource");
                if (ResourceTypes.Find(typeName) is not { } targetType)
                    throw JsonApiException.BadRequest($"Invalid type specified for related resource: '{typeName}'");
                var target = targetType.Find(snapshot, id)
                    ?? throw new JsonApiException(StatusCodes.Status404NotFound,
                        $"The resource identified by `{typeName}:{id}` (given as a relationship item) could not be found.");
                if (targetType.TypeName != field.TargetTypeName)
                {
                    throw Invalid(field.PublicName, $"{field.PublicName}.{delta}.target_id: This entity ({targetType.EntityTypeId}: {targetType.UuidOf(target)}) cannot be referenced.", "relationships");
                }
                targets.Add(target switch
                {
                    Account account => account.Uid,
                    TagTerm term => term.Tid,
                    ImageFile file => file.Fid,
                    _ => 0,
                });
            }
            switch (field.PublicName)
            {
                case "uid":
                    authorUid = targets.Count > 0 ? targets[0] : 0;
                    break;
                case "field_tags":
                    tagTids = targets;
                    break;
                case "field_image":
                    image = (true, targets.Count > 0 ? targets[0] : null);
                    break;
            }
        }

        private static string Text(string name, JsonNode value) =>
            value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw PrimitiveType(name);

        private static bool Flag(string name, JsonNode? value) => value?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.GetValue<double>() is 0 or 1 => value.GetValue<double>() == 1,
            _ => throw PrimitiveType(name),
        };

        /// <summary>TimestampNormalizer takes RFC 3339 strings; a number of seconds is taken too.</summary>
        private static long Time(string name, JsonNode? value)
        {
            if (value?.GetValueKind() == JsonValueKind.Number)
                return (long)value.GetValue<double>();
            if (value?.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                return time.ToUnixTimeSeconds();
            throw PrimitiveType(name);
        }

        private static JsonApiException PrimitiveType(string name) => Invalid(name, $"{name}.0.value: This value should be of the correct primitive type.");
    }
}
