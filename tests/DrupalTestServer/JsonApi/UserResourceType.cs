using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// <c>user--user</c>, with UserAccessControlHandler's rules: anyone sees every user's label (display_name), the
/// anonymous user's only; the whole account is for its owner, administrators and holders of "access user profiles";
/// personal fields (mail, timezone, languages) for the owner and administrators, account state for administrators.
/// </summary>
public sealed class UserResourceType : ResourceType
{
    private const string DisplayName = "display_name";

    public UserResourceType()
        : base("user", "user")
    {
        Func<Caller, object?, bool> ownOrAdministrator = (caller, entity) =>
            IsAdministrator(caller) || (entity is Account { Uid: not 0 } account && account.Uid == caller.Account.Uid);
        Func<Caller, object?, bool> administrator = (caller, _) => IsAdministrator(caller);
        Fields =
        [
            new AttributeField(DisplayName, DisplayName,
                row => Account(row).Uid == 0 ? SiteDirectory.AnonymousDisplayName : Account(row).Name) { IsFilterable = false },
            new AttributeField("drupal_internal__uid", "uid", row => (long)Account(row).Uid),
            Langcode(),
            new AttributeField("preferred_langcode", "preferred_langcode", _ => SiteDirectory.DefaultLangcode) { CanView = ownOrAdministrator },
            new AttributeField("preferred_admin_langcode", "preferred_admin_langcode", _ => null) { CanView = ownOrAdministrator },
            new AttributeField("name", "name", row => Account(row).Name),
            new AttributeField("mail", "mail", row => Account(row).Mail) { CanView = ownOrAdministrator },
            new AttributeField("timezone", "timezone", _ => "UTC") { CanView = ownOrAdministrator },
            new AttributeField("status", "status", _ => true) { CanView = administrator },
            Time("created", row => Account(row).Created),
            Time("changed", row => Account(row).Created),
            new AttributeField("access", "access", row => new Timestamp(Account(row).Created)) { CanView = administrator },
            new AttributeField("login", "login", row => new Timestamp(Account(row).Created)) { CanView = administrator },
            new AttributeField("init", "init", row => Account(row).Mail) { CanView = administrator },
            DefaultLangcode(),
            Path(),
        ];
    }

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => DisplayName;

    public override IReadOnlyList<object> Entities(ContentSnapshot content) =>
        [SiteDirectory.Anonymous, .. SiteDirectory.Users.Values.OrderBy(a => a.Uid)];

    public override object? Find(ContentSnapshot content, string uuid) => Entities(content).FirstOrDefault(a => ((Account)a).Uuid == uuid);

    public override string UuidOf(object entity) => ((Account)entity).Uuid;

    public override EntityAccess ViewAccess(object entity, Caller caller)
    {
        var account = (Account)entity;
        if (account.Uid == 0)
            return EntityAccess.LabelOnly;
        return IsAdministrator(caller) || caller.HasPermission(PermissionCatalog.AccessUserProfiles) || account.Uid == caller.Account.Uid
            ? EntityAccess.Allowed
            : EntityAccess.LabelOnly;
    }

    /// <summary>jsonapi_jsonapi_user_filter_access: never the anonymous user; else all, or the caller's own account and, with "access user profiles", the active ones.</summary>
    public override Func<object, bool>? FilterableBy(Caller caller)
    {
        var me = caller.Account.Uid;
        var profiles = caller.HasPermission(PermissionCatalog.AccessUserProfiles);
        if (IsAdministrator(caller))
            return entity => ((Account)entity).Uid != 0;
        return entity => ((Account)entity).Uid is var uid && uid != 0 && ((me != 0 && uid == me) || profiles);
    }

    private static bool IsAdministrator(Caller caller) => caller.HasPermission(PermissionCatalog.AdministerUsers);

    private static Account Account(EntityRow row) => (Account)row.Entity;
}
