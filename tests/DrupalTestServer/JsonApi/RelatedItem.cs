namespace DrupalTestServer.JsonApi;

/// <summary>
/// One item of a relationship field: the target's type and uuid (<c>virtual</c> for a term's root parent, <c>missing</c> for a deleted target), the
/// entity itself (null when it is virtual or of a type this server does not serve), the internal id shown as
/// <c>meta.drupal_internal__target_id</c> and the item's other properties (an image's alt, width, …).
/// </summary>
public sealed record RelatedItem(string TypeName, string Id, object? Entity, object? TargetId, IReadOnlyDictionary<string, object?> Meta)
{
    public const string VirtualId = "virtual";

    /// <summary>The id of an item whose target was deleted: Drupal keeps the field item, JSON:API cannot load its target.</summary>
    public const string MissingId = "missing";

    public static RelatedItem Virtual(string typeName) => new(typeName, VirtualId, null, null, new Dictionary<string, object?>());

    public static RelatedItem Missing(string typeName) => new(typeName, MissingId, null, null, new Dictionary<string, object?>());

    /// <summary>A virtual or missing item, which JSON:API writes with a help link in place of a target id.</summary>
    public bool IsPlaceholder => Id is VirtualId or MissingId;
}
