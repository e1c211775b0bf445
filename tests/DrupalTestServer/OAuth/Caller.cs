using DrupalTestServer.Site;

namespace DrupalTestServer.OAuth;

/// <summary>Who a request runs as: the token's user and scopes, or the anonymous user without a token.</summary>
public sealed record Caller(Account Account, IReadOnlyList<string> Scopes, string? AccessToken)
{
    public static Caller Anonymous { get; } = new(SiteDirectory.Anonymous, [], null);

    public bool HasPermission(string permission) => SiteDirectory.HasPermission(Account, permission);
}
