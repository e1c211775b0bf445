namespace DrupalTestServer.JsonApi;

/// <summary>
/// Which of JSON:API's routes a path is, with the methods Drupal defines for it. <see cref="Field"/> is the
/// relationship of a related or relationship route; <see cref="Uuid"/> the entity of all but the index and collections.
/// </summary>
public sealed record JsonApiRoute(JsonApiRouteKind Kind, ResourceType? Type, string? Uuid, RelationshipField? Field)
{
    public IReadOnlyList<string> Methods => Kind switch
    {
        JsonApiRouteKind.Collection => ["GET", "POST"],
        JsonApiRouteKind.Individual when UploadField is not null => ["GET", "POST", "PATCH", "DELETE"],
        JsonApiRouteKind.Individual => ["GET", "PATCH", "DELETE"],
        JsonApiRouteKind.Related when UploadField is not null => ["GET", "POST"],
        JsonApiRouteKind.Relationship => ["GET", "POST", "PATCH", "DELETE"],
        _ => ["GET"],
    };

    /// <summary>
    /// The file field of a file upload route: <c>/jsonapi/node/article/field_image</c> (a new file, the path of an
    /// individual route whose uuid is the field's name) or <c>…/{uuid}/field_image</c> (the path of a related route).
    /// </summary>
    public RelationshipField? UploadField => Kind switch
    {
        JsonApiRouteKind.Individual => Type!.FindRelationship(Uuid!) is { TargetTypeName: ResourceTypes.FileTypeName } upload ? upload : null,
        JsonApiRouteKind.Related => Field!.TargetTypeName == ResourceTypes.FileTypeName ? Field : null,
        _ => null,
    };

    /// <summary>The route's path with its parameter, as a 404 for an unknown uuid quotes it.</summary>
    public string Pattern => Kind switch
    {
        JsonApiRouteKind.Individual => $"{JsonApiPath.Base}/{Type!.EntityTypeId}/{Type.Bundle}/{{entity}}",
        JsonApiRouteKind.Related => $"{JsonApiPath.Base}/{Type!.EntityTypeId}/{Type.Bundle}/{{entity}}/{Field!.PublicName}",
        JsonApiRouteKind.Relationship => $"{JsonApiPath.Base}/{Type!.EntityTypeId}/{Type.Bundle}/{{entity}}/relationships/{Field!.PublicName}",
        _ => JsonApiPath.Base,
    };

    /// <summary>The route's name in Drupal, as a 404 for an unknown uuid quotes it.</summary>
    public string Name => Kind switch
    {
        JsonApiRouteKind.Individual => $"jsonapi.{Type!.TypeName}.individual",
        JsonApiRouteKind.Related => $"jsonapi.{Type!.TypeName}.{Field!.PublicName}.related",
        JsonApiRouteKind.Relationship => $"jsonapi.{Type!.TypeName}.{Field!.PublicName}.relationship.get",
        _ => "jsonapi.resource_list",
    };

    /// <summary>Null when no route has the path: Drupal then answers its HTML 404 page, the format not being known.</summary>
    public static JsonApiRoute? Match(JsonApiPath path)
    {
        var segments = path.Segments;
        if (segments.Count == 0)
            return new JsonApiRoute(JsonApiRouteKind.Index, null, null, null);
        if (segments.Count is < 2 or > 5 || ResourceTypes.FindByPath(segments[0], segments[1]) is not { } type)
            return null;
        return segments.Count switch
        {
            2 => new JsonApiRoute(JsonApiRouteKind.Collection, type, null, null),
            3 => new JsonApiRoute(JsonApiRouteKind.Individual, type, segments[2], null),
            4 => type.FindRelationship(segments[3]) is { } related ? new JsonApiRoute(JsonApiRouteKind.Related, type, segments[2], related) : null,
            _ => segments[3].Equals("relationships", StringComparison.OrdinalIgnoreCase) && type.FindRelationship(segments[4]) is { } field
                ? new JsonApiRoute(JsonApiRouteKind.Relationship, type, segments[2], field)
                : null,
        };
    }
}
