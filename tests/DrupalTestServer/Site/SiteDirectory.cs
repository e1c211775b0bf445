using static DrupalTestServer.Site.PermissionCatalog;

namespace DrupalTestServer.Site;

/// <summary>The fixed configuration of the test site: users, roles, scopes and consumers.</summary>
public static class SiteDirectory
{
    public const string SiteName = "Drupal Test Site";
    public const string AdministratorRole = "administrator";

    /// <summary>The name the site shows for the anonymous user (user.settings "anonymous").</summary>
    public const string AnonymousDisplayName = "Anonymous";

    /// <summary>The site's languages, the default first; each is also a path prefix (<c>/es/jsonapi</c>).</summary>
    public static IReadOnlyList<string> Langcodes { get; } = ["en", "es"];

    public static string DefaultLangcode => Langcodes[0];

    public static Account Anonymous { get; } = new(0, "anonymous", ["anonymous"]);

    public static IReadOnlyDictionary<int, Account> Users { get; } = new[]
    {
        new Account(1, "admin", ["authenticated", AdministratorRole]),
        new Account(2, "api_user", ["authenticated", "api_user"]),
        new Account(3, "editor", ["authenticated", "editor"]),
        new Account(4, "reader_no_graphql", ["authenticated"]),
        // Without the authenticated role, whose "access content" every other account has: Drupal has no way to take a
        // permission away, so a site whose consumer may not read content grants it to no role that user holds.
        new Account(5, "nocontent", ["no_content"]),
        new Account(6, "writer", ["authenticated", "writer"]),
    }.ToDictionary(a => a.Uid);

    /// <summary>The administrator role has no list: like Drupal's admin role it holds every permission.</summary>
    private static readonly Dictionary<string, string[]> RolePermissions = new()
    {
        ["anonymous"] = [AccessContent],
        ["authenticated"] = [AccessContent],
        ["api_user"] = [ExecuteGraphQL, DebugTokens],
        ["no_content"] = [DebugTokens],
        ["editor"] =
        [
            ExecuteGraphQL, DebugTokens, CreateArticle, AdministerNodes, BypassNodeAccess,
            "access content overview", EditAnyArticle, DeleteAnyArticle,
        ],
        // What an import job needs, and no more: neither "administer nodes" nor "access user profiles".
        ["writer"] = [CreateArticle, EditAnyArticle, DeleteAnyArticle, CreateTags, EditTags],
    };

    public static IReadOnlySet<string> Scopes { get; } = new HashSet<string> { "api_user", "content:read", "content:write", "admin" };

    public static IReadOnlyDictionary<string, Consumer> Consumers { get; } = new[]
    {
        new Consumer("backend", "backend-secret", 2, ["api_user", "content:read"], ["api_user", "content:read", "content:write"], 300, true),
        // Characters that RFC 6749 form-encoding changes: raw Basic works, encoded Basic fails, as on a real site.
        new Consumer("sp%ce", "s3cr:t/+&= x", 2, ["api_user"], ["api_user", "content:read"], 300, true),
        new Consumer("short", "short-secret", 2, ["api_user"], ["api_user"], 4, true),
        new Consumer("noscope", "noscope-secret", 2, [], ["api_user", "content:read"], 300, true),
        new Consumer("admin-client", "admin-secret", 1, ["admin"], ["admin", "api_user"], 300, true),
        new Consumer("editor-client", "editor-secret", 3, ["api_user"], ["api_user"], 300, true),
        new Consumer("nogql", "nogql-secret", 4, ["api_user"], ["api_user"], 300, true),
        new Consumer("nouser", "nouser-secret", null, ["api_user"], ["api_user"], 300, true),
        new Consumer("nogrant", "nogrant-secret", 2, ["api_user"], ["api_user"], 300, false),
        new Consumer("public", null, 2, ["api_user"], ["api_user"], 300, true),
        new Consumer("nocontent", "nocontent-secret", 5, ["api_user"], ["api_user"], 300, true),
        new Consumer("writer-client", "writer-secret", 6, ["api_user"], ["api_user"], 300, true),
    }.ToDictionary(c => c.ClientId, StringComparer.Ordinal);

    public static bool HasPermission(Account account, string permission) =>
        account.Roles.Contains(AdministratorRole)
        || account.Roles.Any(role => RolePermissions.TryGetValue(role, out var granted) && granted.Contains(permission));
}
