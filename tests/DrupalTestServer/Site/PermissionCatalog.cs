namespace DrupalTestServer.Site;

/// <summary>Every permission of the site with its title, as /oauth/debug lists them.</summary>
public static class PermissionCatalog
{
    public const string AccessContent = "access content";
    public const string AccessUserProfiles = "access user profiles";
    public const string AdministerNodes = "administer nodes";
    public const string AdministerUsers = "administer users";
    public const string BypassNodeAccess = "bypass node access";
    public const string ViewOwnUnpublished = "view own unpublished content";
    public const string CreateArticle = "create article content";
    public const string EditAnyArticle = "edit any article content";
    public const string DeleteAnyArticle = "delete any article content";
    public const string CreateTags = "create terms in tags";
    public const string EditTags = "edit terms in tags";
    public const string DeleteTags = "delete terms in tags";
    public const string CreateUrlAliases = "create url aliases";
    public const string AdministerUrlAliases = "administer url aliases";
    public const string DebugTokens = "debug simple_oauth tokens";
    public const string ExecuteGraphQL = "execute default_server arbitrary graphql requests";

    /// <summary>Sorted by machine name, the order Drupal lists them in.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new("access administration pages", "Use the administration pages and help"),
        new(AccessContent, "View published content"),
        new("access content overview", "Access the Content overview page"),
        new(AccessUserProfiles, "View user information"),
        new("administer blocks", "Administer blocks"),
        new("administer consumer entities", "Administer consumer entities"),
        new("administer graphql configuration", "Administer GraphQL configuration"),
        new(AdministerNodes, "Administer content"),
        new("administer permissions", "Administer permissions"),
        new("administer simple_oauth entities", "Administer Simple OAuth entities"),
        new("administer site configuration", "Administer site configuration"),
        new(AdministerUrlAliases, "Administer URL aliases"),
        new(AdministerUsers, "Administer users"),
        new(BypassNodeAccess, "Bypass content access control"),
        new(CreateArticle, "Article: Create new content"),
        new(CreateTags, "Tags: Create terms"),
        new(CreateUrlAliases, "Create and edit URL aliases"),
        new(DebugTokens, "Debug simple_oauth tokens"),
        new(DeleteAnyArticle, "Article: Delete any content"),
        new(DeleteTags, "Tags: Delete terms"),
        new(EditAnyArticle, "Article: Edit any content"),
        new(EditTags, "Tags: Edit terms"),
        new(ExecuteGraphQL, "default_server: Execute arbitrary requests"),
        new("execute default_server persisted graphql requests", "default_server: Execute persisted requests"),
        new(ViewOwnUnpublished, "View own unpublished content"),
    ];
}
