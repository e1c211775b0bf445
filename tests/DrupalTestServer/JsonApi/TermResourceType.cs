using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary><c>taxonomy_term--tags</c>: the terms of the tags vocabulary, all published, all at the root.</summary>
public sealed class TermResourceType : ResourceType
{
    /// <summary>Not among the site's listed permissions: only the administrator role has it.</summary>
    public const string AdministerTaxonomy = "administer taxonomy";

    private static readonly string[] DescriptionProperties = ["value", "format", "processed"];

    public TermResourceType()
        : base("taxonomy_term", Taxonomy.Tags.Vid) =>
        Fields =
        [
            new AttributeField("drupal_internal__tid", "tid", row => (long)Term(row).Tid),
            new AttributeField("drupal_internal__revision_id", "revision_id", row => (long)Term(row).Tid),
            Langcode(),
            Time("revision_created", row => Changed(Term(row))),
            Fixed("revision_log_message", null),
            Fixed("status", true),
            new AttributeField("name", "name", row => Term(row).Name),
            new AttributeField("description", "description", _ => null, DescriptionProperties),
            Fixed("weight", 0L),
            Time("changed", row => Changed(Term(row))),
            DefaultLangcode(),
            Fixed("revision_translation_affected", true),
            Path(),
            new RelationshipField("vid", "vid", ResourceTypes.VocabularyTypeName, false, (_, _) =>
                [new RelatedItem(ResourceTypes.VocabularyTypeName, Taxonomy.Tags.Uuid, Taxonomy.Tags, Taxonomy.Tags.Vid, Properties())]),
            User("revision_user", (_, _) => null),
            // A root term's parent is the "virtual" term 0.
            new RelationshipField("parent", "parent", ResourceTypes.TermTypeName, true, (_, _) => [RelatedItem.Virtual(ResourceTypes.TermTypeName)]),
        ];

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => "name";

    public override IReadOnlyList<object> Entities(ContentSnapshot content) => Taxonomy.Terms;

    public override object? Find(ContentSnapshot content, string uuid) => Taxonomy.Terms.FirstOrDefault(t => t.Uuid == uuid);

    public override string UuidOf(object entity) => ((TagTerm)entity).Uuid;

    public override EntityAccess ViewAccess(object entity, Caller caller) =>
        caller.HasPermission(AdministerTaxonomy) || caller.HasPermission(PermissionCatalog.AccessContent)
            ? EntityAccess.Allowed
            : EntityAccess.Denied("The 'access content' permission is required and the taxonomy term must be published.");

    /// <summary>jsonapi_jsonapi_taxonomy_term_filter_access: the published terms, which are all of them, given "access content".</summary>
    public override Func<object, bool>? FilterableBy(Caller caller) =>
        caller.HasPermission(AdministerTaxonomy) || caller.HasPermission(PermissionCatalog.AccessContent) ? null : _ => false;

    private static TagTerm Term(EntityRow row) => (TagTerm)row.Entity;

    private static long Changed(TagTerm term) => 1_699_000_000 + term.Tid * 3600L;
}
