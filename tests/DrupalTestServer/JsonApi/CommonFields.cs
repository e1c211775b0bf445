using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>The fields that several resource types share, built one way.</summary>
public static class CommonFields
{
    private static readonly string[] PathProperties = ["alias", "pid", "langcode"];

    public static AttributeField Langcode() => new("langcode", "langcode", row => row.Langcode);

    /// <summary>Whether the row is the entity's original language.</summary>
    public static AttributeField DefaultLangcode() =>
        new("default_langcode", "default_langcode", row => row.Langcode == row.Type.LangcodesOf(row.Entity)[0]);

    /// <summary>The path field: its alias and the alias's id, null for an entity without one (users never have one here).</summary>
    public static AttributeField Path(Func<EntityRow, PathAlias>? path = null) =>
        new("path", "path", row =>
        {
            var alias = path?.Invoke(row) ?? PathAlias.None;
            return Properties(("alias", alias.Alias), ("pid", alias.Pid), ("langcode", row.Langcode));
        }, PathProperties);

    /// <summary>path_entity_field_access: editing any entity's alias takes a permission of the path module; null when allowed.</summary>
    public static string? PathEditDenied(Caller caller) =>
        caller.HasPermission(PermissionCatalog.CreateUrlAliases) || caller.HasPermission(PermissionCatalog.AdministerUrlAliases)
            ? null
            : $"The following permissions are required: '{PermissionCatalog.CreateUrlAliases}' OR '{PermissionCatalog.AdministerUrlAliases}'.";

    public static AttributeField Time(string name, Func<EntityRow, long> seconds) => new(name, name, row => new Timestamp(seconds(row)));

    public static AttributeField Fixed(string name, object? value) => new(name, name, _ => value);

    public static RelationshipField User(string name, Func<EntityRow, ContentSnapshot, int?> uid) =>
        new(name, name, ResourceTypes.UserTypeName, false, (row, content) => uid(row, content) is { } found ? [UserItem(found)] : []);

    public static IReadOnlyDictionary<string, object?> Properties(params (string Name, object? Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value);

    private static RelatedItem UserItem(int uid)
    {
        var account = uid == 0 ? SiteDirectory.Anonymous : SiteDirectory.Users[uid];
        return new RelatedItem(ResourceTypes.UserTypeName, account.Uuid, account, (long)uid, Properties());
    }
}
