namespace DrupalTestServer.Site;

/// <summary>A Drupal user account: what a token's consumer acts as.</summary>
public sealed record Account(int Uid, string Name, IReadOnlyList<string> Roles);
