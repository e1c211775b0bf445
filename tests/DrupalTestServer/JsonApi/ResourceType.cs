using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// A JSON:API resource type, <c>{entity type}--{bundle}</c> at <c>/jsonapi/{entity type}/{bundle}</c>: its fields,
/// its entities in id order, and who may see and filter them, after the entity type's access handler.
/// </summary>
public abstract class ResourceType(string entityTypeId, string bundle)
{
    public string EntityTypeId { get; } = entityTypeId;

    public string Bundle { get; } = bundle;

    public string TypeName => $"{EntityTypeId}--{Bundle}";

    /// <summary>The entity type's label, which some of Drupal's messages name.</summary>
    public virtual string EntityTypeLabel => EntityTypeId;

    /// <summary>In the order Drupal's field definitions have them, which is the order documents show.</summary>
    public abstract IReadOnlyList<ResourceField> Fields { get; }

    public IEnumerable<RelationshipField> Relationships => Fields.OfType<RelationshipField>();

    /// <summary>The one attribute a label-only resource object keeps.</summary>
    public abstract string LabelField { get; }

    /// <summary>Whether its entities have revisions, for which Drupal 11's resources carry a <c>working-copy</c> link.</summary>
    public virtual bool IsRevisionable => false;

    /// <summary>Whether a filter may go through it to the fields of its targets: not for config entities, which have no fields.</summary>
    public virtual bool IsFieldable => true;

    /// <summary>
    /// The entity's revision as <c>resourceVersion</c> names it (<c>id:1</c>), which its self link carries; null
    /// for types whose revisions JSON:API does not expose (all but nodes).
    /// </summary>
    public virtual string? VersionOf(object entity) => null;

    public abstract IReadOnlyList<object> Entities(ContentSnapshot content);

    public abstract object? Find(ContentSnapshot content, string uuid);

    public abstract string UuidOf(object entity);

    /// <summary>The languages an entity exists in, its original first.</summary>
    public virtual IReadOnlyList<string> LangcodesOf(object entity) => [SiteDirectory.DefaultLangcode];

    public abstract EntityAccess ViewAccess(object entity, Caller caller);

    /// <summary>
    /// The entities a filter may find (JSON:API's TemporaryQueryGuard, from hook_jsonapi_ENTITY_TYPE_filter_access):
    /// null when the caller may filter among all of them.
    /// </summary>
    public abstract Func<object, bool>? FilterableBy(Caller caller);

    /// <summary>By public name or, as Drupal falls back to it for filters and sorts, by internal name.</summary>
    public ResourceField? FindField(string name) =>
        Fields.FirstOrDefault(f => f.PublicName == name) ?? Fields.FirstOrDefault(f => f.InternalName == name);

    public RelationshipField? FindRelationship(string publicName) => Relationships.FirstOrDefault(r => r.PublicName == publicName);

    /// <summary>The entity in the requested language, or in its original one when it has no such translation.</summary>
    public EntityRow RowFor(object entity, string langcode)
    {
        var langcodes = LangcodesOf(entity);
        return new EntityRow(this, entity, langcodes.Contains(langcode) ? langcode : langcodes[0]);
    }

    public IEnumerable<EntityRow> Rows(object entity) => LangcodesOf(entity).Select(langcode => new EntityRow(this, entity, langcode));
}
