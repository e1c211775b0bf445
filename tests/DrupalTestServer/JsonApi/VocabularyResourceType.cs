using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// <c>taxonomy_vocabulary--taxonomy_vocabulary</c>, a config entity: its attributes are its exported properties,
/// and VocabularyAccessControlHandler shows it only to those who may see the taxonomy overview (the administrator).
/// </summary>
public sealed class VocabularyResourceType : ResourceType
{
    /// <summary>Not among the site's listed permissions: only the administrator role has it.</summary>
    private const string AccessTaxonomyOverview = "access taxonomy overview";

    public VocabularyResourceType()
        : base("taxonomy_vocabulary", "taxonomy_vocabulary") =>
        Fields =
        [
            Langcode(),
            Fixed("status", true),
            Fixed("dependencies", Array.Empty<object?>()),
            new AttributeField("name", "name", row => Vocabulary(row).Name),
            new AttributeField("drupal_internal__vid", "vid", row => Vocabulary(row).Vid),
            new AttributeField("description", "description", row => Vocabulary(row).Description),
            Fixed("weight", 0L),
            Fixed("new_revision", false),
        ];

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => "name";

    public override bool IsFieldable => false;

    public override string EntityTypeLabel => "Taxonomy vocabulary";

    public override IReadOnlyList<object> Entities(ContentSnapshot content) => [Taxonomy.Tags];

    public override object? Find(ContentSnapshot content, string uuid) => Taxonomy.Tags.Uuid == uuid ? Taxonomy.Tags : null;

    public override string UuidOf(object entity) => ((Vocabulary)entity).Uuid;

    public override EntityAccess ViewAccess(object entity, Caller caller) =>
        caller.HasPermission(AccessTaxonomyOverview) || caller.HasPermission(TermResourceType.AdministerTaxonomy)
            ? EntityAccess.Allowed
            : EntityAccess.Denied($"The following permissions are required: '{AccessTaxonomyOverview}' OR '{TermResourceType.AdministerTaxonomy}'.");

    /// <summary>Config entity queries have no access guard.</summary>
    public override Func<object, bool>? FilterableBy(Caller caller) => null;

    private static Vocabulary Vocabulary(EntityRow row) => (Vocabulary)row.Entity;
}
