namespace DrupalTestServer.JsonApi;

/// <summary>
/// One item of a relationship field: the target's type and uuid (<c>virtual</c> for a term's root parent), the
/// entity itself (null when it is virtual or of a type this server does not serve), the internal id shown as
/// <c>meta.drupal_internal__target_id</c> and the item's other properties (an image's alt, width, …).
/// </summary>
public sealed record RelatedItem(string TypeName, string Id, object? Entity, object? TargetId, IReadOnlyDictionary<string, object?> Meta)
{
    public const string VirtualId = "virtual";

    public static RelatedItem Virtual(string typeName) => new(typeName, VirtualId, null, null, new Dictionary<string, object?>());
}
