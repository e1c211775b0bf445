using System.Text.Json.Nodes;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>Resource objects and resource identifiers as Drupal's normalizers write them.</summary>
public static class ResourceNormalizer
{
    public static JsonObject ResourceObject(JsonApiRequest request, ResourceType type, object entity, EntityAccessKind access)
    {
        var uuid = type.UuidOf(entity);
        var self = request.Links.Individual(type, uuid);
        if (type.VersionOf(entity) is { } version)
            self += "?resourceVersion=" + Uri.EscapeDataString(version);
        var links = new JsonObject { ["self"] = JsonApiDocument.Link(self) };
        if (type.IsRevisionable && request.Drupal >= DrupalVersion.Drupal11)
            links["working-copy"] = JsonApiDocument.Link(request.Links.Individual(type, uuid) + "?resourceVersion=" + Uri.EscapeDataString("rel:working-copy"));
        var json = new JsonObject
        {
            ["type"] = type.TypeName,
            ["id"] = uuid,
            ["links"] = links,
        };
        var row = request.RowOf(type, entity);
        var sparse = request.SparseFieldset(type);
        var attributes = new JsonObject();
        var relationships = new JsonObject();
        foreach (var field in type.Fields)
        {
            if ((access == EntityAccessKind.LabelOnly && field.PublicName != type.LabelField)
                || field.Since > request.Drupal
                || sparse?.Contains(field.PublicName) == false
                || !field.CanView(request.Caller, entity))
                continue;
            if (field is RelationshipField relationship)
                relationships[field.PublicName] = Relationship(request, row, relationship);
            else
                attributes[field.PublicName] = Value(((AttributeField)field).Value(row), ((AttributeField)field).Properties);
        }
        if (attributes.Count > 0)
            json["attributes"] = attributes;
        if (relationships.Count > 0)
            json["relationships"] = relationships;
        return json;
    }

    /// <summary>A relationship object: its data and its related and self links.</summary>
    public static JsonObject Relationship(JsonApiRequest request, EntityRow row, RelationshipField field)
    {
        var uuid = row.Type.UuidOf(row.Entity);
        return new JsonObject
        {
            ["data"] = RelationshipData(request, row, field),
            ["links"] = new JsonObject
            {
                ["related"] = JsonApiDocument.Link(request.Links.Related(row.Type, uuid, field.PublicName)),
                ["self"] = JsonApiDocument.Link(request.Links.Relationship(row.Type, uuid, field.PublicName)),
            },
        };
    }

    /// <summary>An object or null for a to-one field, an array for a to-many one.</summary>
    public static JsonNode? RelationshipData(JsonApiRequest request, EntityRow row, RelationshipField field)
    {
        var identifiers = field.Items(row, request.Content).Select(Identifier).ToArray();
        return field.ToMany ? new JsonArray(identifiers) : identifiers.FirstOrDefault();
    }

    private static JsonObject Identifier(RelatedItem item)
    {
        var meta = new JsonObject();
        foreach (var (name, value) in item.Meta)
            meta[name] = Value(value, null);
        if (item.IsPlaceholder)
        {
            meta["links"] = new JsonObject
            {
                ["help"] = new JsonObject
                {
                    ["href"] = $"https://www.drupal.org/docs/8/modules/json-api/core-concepts#{item.Id}",
                    ["meta"] = new JsonObject { ["about"] = $"Usage and meaning of the '{item.Id}' resource identifier." },
                },
            };
        }
        else
            meta["drupal_internal__target_id"] = Value(item.TargetId, null);
        return new JsonObject { ["type"] = item.TypeName, ["id"] = item.Id, ["meta"] = meta };
    }

    private static JsonNode? Value(object? value, IReadOnlyList<string>? properties) => value switch
    {
        null => null,
        string text => text,
        long number => number,
        // PHP writes a float with its fraction (4.0, not 4), as decimal's scale does.
        double number => number is > -1e15 and < 1e15 ? JsonValue.Create((decimal)number + 0.0m) : JsonValue.Create(number),
        bool flag => flag,
        Timestamp time => time.ToString(),
        IReadOnlyDictionary<string, object?> map => new JsonObject((properties ?? map.Keys.ToArray())
            .Select(name => KeyValuePair.Create(name, Value(map.GetValueOrDefault(name), null)))),
        IReadOnlyList<object?> list => new JsonArray(list.Select(item => Value(item, null)).ToArray()),
        _ => throw new InvalidOperationException($"No JSON for a field value of type {value.GetType().Name}."),
    };
}
