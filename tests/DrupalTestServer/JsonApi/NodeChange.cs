using System.Text.Json.Nodes;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>A POST or PATCH document read as changes to a node, with NodeAccessControlHandler's field access.</summary>
public static class NodeChange
{
    /// <summary>NodeAccessControlHandler::checkFieldAccess: these need "administer nodes" to be edited.</summary>
    private static readonly string[] AdministrativeFields = ["uid", "status", "created", "promote", "sticky"];

    /// <summary>Fields nobody edits: the ids, and revision data that saving sets.</summary>
    private static readonly string[] ReadOnlyFields = ["drupal_internal__nid", "drupal_internal__vid", "revision_timestamp", "revision_uid"];

    /// <summary>Known fields a write may carry that this server keeps as they are (one language, no revisions).</summary>
    private static readonly string[] IgnoredFields = ["langcode", "default_langcode", "revision_log", "revision_translation_affected", "changed", "node_type"];

    /// <param name="nextPathId">The id a first alias gets; called while the store's lock is held.</param>
    public static EntityChange<ContentNode> Parse(JsonObject data, NodeResourceType type, ContentSnapshot snapshot, string method, Func<long> nextPathId)
    {
        var change = new EntityChange<ContentNode>(type, method == "POST" ? data["id"]?.GetValue<string>() : null);
        foreach (var member in new[] { "attributes", "relationships" })
        {
            if (data[member] is not JsonObject fields)
                continue;
            foreach (var (name, value) in fields)
            {
                if (type.FindField(name) is not { } field || field.PublicName != name)
                    throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, $"The attribute {name} does not exist on the {type.TypeName} resource type.");
                if (IgnoredFields.Contains(name))
                    continue;
                if (ReadOnlyFields.Contains(name))
                    change.Set(field, member, node => node);
                else if (field is RelationshipField relationship)
                    change.Set(field, member, Relate(relationship, FieldInput.Targets(relationship, value, snapshot), value, change.Violations));
                else
                    change.Set(field, member, Attribute(type, name, value, change.Violations, nextPathId));
            }
        }
        return change;
    }

    public static void CheckAccess(EntityChange<ContentNode> change, string method, ContentNode? old, Caller caller, ContentSnapshot content) =>
        change.CheckAccess(method, old,
            field => ReadOnlyFields.Contains(field.PublicName) ? ""
                : field.PublicName == "path" ? CommonFields.PathEditDenied(caller)
                : AdministrativeFields.Contains(field.PublicName) && !caller.HasPermission(PermissionCatalog.AdministerNodes)
                    ? $"The '{PermissionCatalog.AdministerNodes}' permission is required."
                    : null,
            field => ReadOnlyFields.Contains(field.PublicName),
            content);

    private static Func<ContentNode, ContentNode> Attribute(NodeResourceType type, string name, JsonNode? value, WriteViolations violations, Func<long> nextPathId)
    {
        switch (name)
        {
            case "title":
                var before = violations.Count;
                var title = FieldInput.Text(name, value, violations);
                if (title is null && violations.Count == before)
                    violations.NotNull(name);
                return node => title is null ? node : node with { Title = title };
            case "body":
                var body = FieldInput.Formatted(name, value, violations);
                return node => node with { Body = body?.Value, BodyFormat = body?.Format, BodySummary = body?.Summary };
            case "status":
                var status = FieldInput.Boolean(name, value, violations);
                return node => status is { } given ? node with { Status = given } : node;
            case "promote":
                var promote = FieldInput.Boolean(name, value, violations);
                return node => promote is { } given ? node with { Promote = given } : node;
            case "sticky":
                var sticky = FieldInput.Boolean(name, value, violations);
                return node => sticky is { } given ? node with { Sticky = given } : node;
            case "created":
                var created = FieldInput.Timestamp(value);
                return node => created is { } given ? node with { Created = given } : node;
            case "path":
                var alias = FieldInput.Alias(name, value, violations);
                return node => node with { Path = alias is null ? PathAlias.None : new PathAlias(alias, node.Path.Pid ?? nextPathId()) };
            case "field_featured":
                var featured = FieldInput.Boolean(name, value, violations);
                return node => node with { Featured = featured };
            case "field_rating":
                var rating = FieldInput.Integer(name, value, violations);
                return node => node with { Rating = rating };
            case "field_score":
                var score = FieldInput.Float(name, value, violations);
                return node => node with { Score = score };
            case "field_keywords":
                var keywords = FieldInput.Texts(name, value, violations);
                return node => node with { Keywords = keywords };
            case "field_external_id":
                var externalId = FieldInput.Text(name, value, violations);
                return node => node with { ExternalId = externalId };
            default:
                throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, $"The attribute {name} does not exist on the {type.TypeName} resource type.");
        }
    }

    private static Func<ContentNode, ContentNode> Relate(RelationshipField field, IReadOnlyList<object> targets, JsonNode? value, WriteViolations violations)
    {
        switch (field.PublicName)
        {
            case "uid":
                return node => node with { AuthorUid = targets.Count > 0 ? ((Account)targets[0]).Uid : 0 };
            case "field_tags":
                return node => node with { TagTids = targets.Cast<TagTerm>().Select(term => term.Tid).ToArray() };
            case "field_image":
                var image = targets.Count > 0 ? FieldInput.ImageMeta(field.PublicName, value, violations) : null;
                return node => node with { ImageFid = targets.Count > 0 ? ((ImageFile)targets[0]).Fid : null, Image = image };
            default:
                return node => node;
        }
    }
}
