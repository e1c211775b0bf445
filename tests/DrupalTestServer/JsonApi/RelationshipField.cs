using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// An entity reference field, shown under <c>relationships</c>: to one (data an object or null) or to many (an
/// array). <see cref="MetaProperties"/> are the item properties besides the target (an image's alt, …).
/// </summary>
public sealed class RelationshipField(
    string publicName,
    string internalName,
    string targetTypeName,
    bool toMany,
    Func<EntityRow, ContentSnapshot, IReadOnlyList<RelatedItem>> items,
    IReadOnlyList<string>? metaProperties = null)
    : ResourceField(publicName, internalName)
{
    public string TargetTypeName { get; } = targetTypeName;

    /// <summary>Null for a type this server does not serve (node_type--node_type).</summary>
    public ResourceType? TargetType => ResourceTypes.Find(TargetTypeName);

    /// <summary>The entity type the field points at, as Drupal names the reference property (<c>entity:user</c>).</summary>
    public string TargetEntityTypeId => TargetTypeName.Split("--")[0];

    public bool ToMany { get; } = toMany;

    public IReadOnlyList<string> MetaProperties { get; } = metaProperties ?? [];

    public IReadOnlyList<RelatedItem> Items(EntityRow row, ContentSnapshot content) => items(row, content);
}
