using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// <c>configurable_language--configurable_language</c>, a config entity: its attributes are its exported properties.
/// LanguageAccessControlHandler has no opinion on viewing, so the entity type's admin permission decides: only
/// "administer languages" (the administrator) sees the languages, as core's own JSON:API test grants for a GET.
/// </summary>
public sealed class LanguageResourceType : ResourceType
{
    /// <summary>Not among the site's listed permissions: only the administrator role has it.</summary>
    public const string AdministerLanguages = "administer languages";

    public LanguageResourceType()
        : base("configurable_language", "configurable_language") =>
        Fields =
        [
            Fixed("langcode", SiteDirectory.DefaultLangcode),
            Fixed("status", true),
            Fixed("dependencies", Array.Empty<object?>()),
            new AttributeField("drupal_internal__id", "id", row => Language(row).Id),
            new AttributeField("label", "label", row => Language(row).Label),
            Fixed("direction", "ltr"),
            new AttributeField("weight", "weight", row => Language(row).Weight),
            new AttributeField("locked", "locked", row => Language(row).Locked),
        ];

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => "label";

    public override bool IsFieldable => false;

    public override string EntityTypeLabel => "Language";

    public override IReadOnlyList<object> Entities(ContentSnapshot content) => SiteLanguage.All;

    public override object? Find(ContentSnapshot content, string uuid) => SiteLanguage.All.FirstOrDefault(l => l.Uuid == uuid);

    public override string UuidOf(object entity) => ((SiteLanguage)entity).Uuid;

    public override EntityAccess ViewAccess(object entity, Caller caller) =>
        caller.HasPermission(AdministerLanguages)
            ? EntityAccess.Allowed
            : EntityAccess.Denied($"The '{AdministerLanguages}' permission is required.");

    /// <summary>Config entity queries have no access guard.</summary>
    public override Func<object, bool>? FilterableBy(Caller caller) => null;

    private static SiteLanguage Language(EntityRow row) => (SiteLanguage)row.Entity;
}
