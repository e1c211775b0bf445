using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary><c>taxonomy_term--tags</c>: the terms of the tags vocabulary, which JSON:API writes change until a reset.</summary>
public sealed class TermResourceType : ResourceType
{
    /// <summary>Not among the site's listed permissions: only the administrator role has it.</summary>
    public const string AdministerTaxonomy = "administer taxonomy";

    private static readonly string[] DescriptionProperties = ["value", "format", "processed"];

    private static readonly IReadOnlyList<RelatedItem> RootParent = [RelatedItem.Virtual(ResourceTypes.TermTypeName)];

    public TermResourceType()
        : base("taxonomy_term", Taxonomy.Tags.Vid) =>
        Fields =
        [
            new AttributeField("drupal_internal__tid", "tid", row => (long)Term(row).Tid),
            new AttributeField("drupal_internal__revision_id", "revision_id", row => (long)Term(row).Tid),
            Langcode(),
            Time("revision_created", row => Term(row).Changed),
            Fixed("revision_log_message", null),
            new AttributeField("status", "status", row => Term(row).Status),
            new AttributeField("name", "name", row => Term(row).Name),
            new AttributeField("description", "description", row => Description(Term(row)), DescriptionProperties),
            new AttributeField("weight", "weight", row => Term(row).Weight),
            Time("changed", row => Term(row).Changed),
            DefaultLangcode(),
            Fixed("revision_translation_affected", true),
            Path(row => Term(row).Path),
            new RelationshipField("vid", "vid", ResourceTypes.VocabularyTypeName, false, (_, _) =>
                [new RelatedItem(ResourceTypes.VocabularyTypeName, Taxonomy.Tags.Uuid, Taxonomy.Tags, Taxonomy.Tags.Vid, Properties())]),
            User("revision_user", (_, _) => null),
            // A root term's parent is the "virtual" term 0.
            new RelationshipField("parent", "parent", ResourceTypes.TermTypeName, true, (row, content) => Term(row).ParentTids.Count == 0
                ? RootParent
                : Term(row).ParentTids
                    .Select(tid => content.FindTerm(tid) is { } parent
                        ? new RelatedItem(ResourceTypes.TermTypeName, parent.Uuid, parent, (long)parent.Tid, Properties())
                        : RelatedItem.Missing(ResourceTypes.TermTypeName))
                    .ToArray()),
        ];

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => "name";

    public override bool IsRevisionable => true;

    public override IReadOnlyList<object> Entities(ContentSnapshot content) => content.Terms;

    public override object? Find(ContentSnapshot content, string uuid) => content.FindTerm(uuid);

    public override string UuidOf(object entity) => ((TagTerm)entity).Uuid;

    public override EntityAccess ViewAccess(object entity, Caller caller) =>
        caller.HasPermission(AdministerTaxonomy) || caller.HasPermission(PermissionCatalog.AccessContent)
            ? EntityAccess.Allowed
            : EntityAccess.Denied("The 'access content' permission is required and the taxonomy term must be published.");

    /// <summary>jsonapi_jsonapi_taxonomy_term_filter_access: the published terms, which are all of them, given "access content".</summary>
    public override Func<object, bool>? FilterableBy(Caller caller) =>
        caller.HasPermission(AdministerTaxonomy) || caller.HasPermission(PermissionCatalog.AccessContent) ? null : _ => false;

    private static TagTerm Term(EntityRow row) => (TagTerm)row.Entity;

    private static IReadOnlyDictionary<string, object?>? Description(TagTerm term) =>
        term.Description is { } value
            ? Properties(("value", value), ("format", term.DescriptionFormat), ("processed", TextFormats.Processed(value, term.DescriptionFormat)))
            : null;
}
