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
    private static readonly string[] IgnoredFields =
    [
        "langcode", "default_langcode", "revision_log", "revision_translation_affected", "changed", "node_type",
        "content_translation_source", "content_translation_outdated",
    ];

    /// <param name="langcode">
    /// The request's language: a PATCH under <c>/es</c> changes the Spanish translation's title and body (the
    /// translatable fields this server keeps per language); the other fields are shared by all translations. A new node
    /// is created in the site's default language whatever the prefix, as core's JSON:API cannot create a translation.
    /// </param>
    /// <param name="nextPathId">The id a first alias gets; called while the store's lock is held.</param>
    public static EntityChange<ContentNode> Parse(JsonObject data, NodeResourceType type, ContentSnapshot snapshot, string method, string langcode, Func<long> nextPathId)
    {
        var translation = method == "POST" ? SiteDirectory.DefaultLangcode : langcode;
        var change = new EntityChange<ContentNode>(type, method == "POST" ? data["id"]?.GetValue<string>() : null, translation);
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
                    change.Set(field, member, Attribute(type, name, value, change.Violations, translation, nextPathId));
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

    private static Func<ContentNode, ContentNode> Attribute(NodeResourceType type, string name, JsonNode? value, WriteViolations violations, string langcode, Func<long> nextPathId)
    {
        // Only a node that has the translation gets here (EntityUuidConverter refuses the others).
        bool Translated(ContentNode node) => node.Spanish is { } spanish && spanish.Langcode == langcode && langcode != SiteDirectory.DefaultLangcode;
        switch (name)
        {
            case "title":
                var before = violations.Count;
                var title = FieldInput.Text(name, value, violations);
                if (title is null && violations.Count == before)
                    violations.NotNull(name);
                return node => title is null ? node
                    : Translated(node) ? node with { Spanish = node.Spanish! with { Title = title } }
                    : node with { Title = title };
            case "body":
                // A translation shares the original's format and summary (this server keeps one of each).
                var body = FieldInput.Formatted(name, value, violations);
                return node => Translated(node)
                    ? node with { Spanish = node.Spanish! with { Body = body?.Value } }
                    : node with { Body = body?.Value, BodyFormat = body?.Format, BodySummary = body?.Summary };
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
                var image = targets.Count > 0 ? FieldInput.ImageItem(field.PublicName, value, violations) : null;
                return node => node with { ImageFid = targets.Count > 0 ? ((ImageFile)targets[0]).Fid : null, Image = image };
            default:
                return node => node;
        }
    }
}
