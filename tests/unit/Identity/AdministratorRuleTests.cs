using DrupalOAuth.Identity;
using Xunit;

namespace DrupalOAuth.Tests.Identity;

public sealed class AdministratorRuleTests
{
    /// <summary>The permissions the README asks the consumer's user to have: enough for GraphQL, nothing more.</summary>
    public static readonly string[] ApiUserPermissions =
    {
        "access content",
        "execute graphql_server arbitrary graphql requests",
        "debug simple_oauth tokens",
    };

    private static readonly string[] None = Array.Empty<string>();

    [Fact]
    public void A_plain_api_user_breaks_no_rule()
    {
        Assert.Empty(AdministratorRule.Reasons(new[] { "authenticated", "api_user" }, ApiUserPermissions, new[] { "api_user" }, isAdmin: false));
        Assert.Empty(AdministratorRule.Reasons(None, None, None, isAdmin: null));
    }

    [Fact]
    public void The_administrator_role_breaks_it()
    {
        Assert.Equal(new[] { "role 'administrator'" }, AdministratorRule.Reasons(new[] { "authenticated", "administrator" }, None, None, null));
    }

    [Theory]
    [InlineData("administrator")]
    [InlineData("Administrator")]
    public void The_administrator_role_in_the_scope_breaks_it_since_Simple_OAuth_5_puts_role_names_there(string scope)
    {
        Assert.Equal(new[] { "role 'administrator'" }, AdministratorRule.Reasons(None, None, new[] { "authenticated", scope }, null));
    }

    [Fact]
    public void The_administrator_role_counts_once_when_both_roles_and_scope_name_it()
    {
        Assert.Single(AdministratorRule.Reasons(new[] { "administrator" }, None, new[] { "administrator" }, null));
    }

    [Fact]
    public void A_role_that_merely_contains_the_word_does_not_break_it()
    {
        Assert.Empty(AdministratorRule.Reasons(new[] { "content_administrator_assistant" }, None, new[] { "site_administrators" }, null));
    }

    [Fact]
    public void Drupal_is_admin_flag_breaks_it()
    {
        Assert.Equal(new[] { "is_admin" }, AdministratorRule.Reasons(None, None, None, isAdmin: true));
    }

    [Theory]
    [InlineData("administer nodes")]
    [InlineData("administer site configuration")]
    [InlineData("administer users")]
    [InlineData("Administer permissions")]
    [InlineData("bypass node access")]
    public void A_permission_that_administers_the_site_or_bypasses_access_breaks_it(string permission)
    {
        var reasons = AdministratorRule.Reasons(None, ApiUserPermissions.Append(permission).ToArray(), None, null);

        Assert.Equal(new[] { $"permissions '{permission}'" }, reasons);
    }

    [Fact]
    public void Dangerous_permissions_are_listed_together()
    {
        var reasons = AdministratorRule.Reasons(None, new[] { "administer nodes", "access content", "bypass node access" }, None, null);

        Assert.Equal(new[] { "permissions 'administer nodes', 'bypass node access'" }, reasons);
    }

    [Fact]
    public void More_than_five_dangerous_permissions_name_five_and_count_the_rest()
    {
        var permissions = Enumerable.Range(1, 8).Select(i => $"administer thing {i}").ToArray();

        var reason = Assert.Single(AdministratorRule.Reasons(None, permissions, None, null));

        Assert.Equal("permissions 'administer thing 1', 'administer thing 2', 'administer thing 3', 'administer thing 4', 'administer thing 5' and 3 more", reason);
    }

    [Fact]
    public void Exactly_five_dangerous_permissions_are_all_named()
    {
        var permissions = Enumerable.Range(1, 5).Select(i => $"administer thing {i}").ToArray();

        Assert.DoesNotContain("more", Assert.Single(AdministratorRule.Reasons(None, permissions, None, null)));
    }

    [Fact]
    public void Every_reason_is_given_in_order()
    {
        var reasons = AdministratorRule.Reasons(new[] { "administrator" }, new[] { "administer nodes" }, None, isAdmin: true);

        Assert.Equal(new[] { "is_admin", "role 'administrator'", "permissions 'administer nodes'" }, reasons);
    }
}
