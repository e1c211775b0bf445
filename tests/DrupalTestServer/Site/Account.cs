namespace DrupalTestServer.Site;

/// <summary>A Drupal user account: what a token's consumer acts as.</summary>
public sealed record Account(int Uid, string Name, IReadOnlyList<string> Roles)
{
    public string Uuid => EntityUuid.Of(EntityUuid.User, Uid);

    public string Mail => $"{Name}@example.com";

    /// <summary>A day apart per uid, all before the first node.</summary>
    public long Created => 1_690_000_000 + Uid * 86_400L;
}
