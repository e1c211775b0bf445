using DrupalOAuth.Identity;
using Xunit;

namespace DrupalOAuth.Tests.Identity;

public sealed class DrupalIdentityTests
{
    private static readonly Uri Site = new("https://drupal.example.com/");

    [Fact]
    public void A_plain_api_user_is_no_administrator_and_gets_no_warning()
    {
        var identity = Make(new[] { "authenticated", "api_user" }, AdministratorRuleTests.ApiUserPermissions);

        Assert.False(identity.IsAdministrator);
        Assert.Empty(identity.AdministratorReasons);
        Assert.Null(identity.AdministratorWarning);
    }

    [Fact]
    public void An_administrator_gets_a_warning_that_names_the_client_the_site_and_the_reasons()
    {
        var identity = Make(new[] { "authenticated", "administrator" }, new[] { "administer nodes" });

        Assert.True(identity.IsAdministrator);
        Assert.Equal(new[] { "role 'administrator'", "permissions 'administer nodes'" }, identity.AdministratorReasons);
        Assert.Contains("'backend'", identity.AdministratorWarning);
        Assert.Contains(Site.ToString(), identity.AdministratorWarning);
        Assert.Contains("role 'administrator'; permissions 'administer nodes'", identity.AdministratorWarning);
        Assert.Contains("low-privilege user", identity.AdministratorWarning);
    }

    [Fact]
    public void The_is_admin_flag_is_read_into_the_reasons()
    {
        Assert.Equal(new[] { "is_admin" }, Make(Array.Empty<string>(), Array.Empty<string>(), isAdmin: true).AdministratorReasons);
    }

    [Fact]
    public void An_administrator_role_in_the_scope_alone_makes_an_administrator()
    {
        var identity = new DrupalIdentity("default", "backend", Site, "1", Array.Empty<string>(), Array.Empty<string>(), new[] { "administrator" }, DrupalIdentity.FromTokenClaims, null);

        Assert.True(identity.IsAdministrator);
    }

    [Fact]
    public void ToString_names_the_client_the_user_and_the_roles()
    {
        Assert.Equal("client 'backend' as user 2 with roles authenticated, api_user", Make(new[] { "authenticated", "api_user" }, Array.Empty<string>()).ToString());
    }

    [Fact]
    public void ToString_says_what_is_unknown()
    {
        var identity = new DrupalIdentity("default", "backend", Site, null, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), DrupalIdentity.FromTokenClaims, null);

        Assert.Equal("client 'backend' as user (unknown) with roles (unknown)", identity.ToString());
    }

    [Fact]
    public void Keeps_what_it_was_given()
    {
        var identity = Make(new[] { "api_user" }, new[] { "access content" });

        Assert.Equal("live", identity.ConnectionName);
        Assert.Equal("backend", identity.ClientId);
        Assert.Equal(Site, identity.SiteUri);
        Assert.Equal("2", identity.UserId);
        Assert.Equal(new[] { "api_user" }, identity.Roles);
        Assert.Equal(new[] { "access content" }, identity.Permissions);
        Assert.Equal(new[] { "api_user" }, identity.Scope);
        Assert.Equal("/oauth/debug", identity.Source);
    }

    private static DrupalIdentity Make(string[] roles, string[] permissions, bool? isAdmin = null) =>
        new("live", "backend", Site, "2", roles, permissions, new[] { "api_user" }, DrupalIdentity.FromDebugRoute, isAdmin);
}
