namespace DrupalTestServer.OAuth;

/// <summary>What Drupal stores in its oauth2_token table for each access token.</summary>
public sealed record IssuedToken(string Jti, string ClientId, int UserUid, IReadOnlyList<string> Scopes, double ExpiresAt);
