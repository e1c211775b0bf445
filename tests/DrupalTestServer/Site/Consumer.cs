namespace DrupalTestServer.Site;

/// <summary>
/// A consumer entity of simple_oauth 6: a client with its secret, the user it acts as
/// (client credentials grant) and its scopes. A null <see cref="Secret"/> means a public client.
/// </summary>
public sealed record Consumer(
    string ClientId,
    string? Secret,
    int? UserUid,
    IReadOnlyList<string> DefaultScopes,
    IReadOnlyList<string> AllowedScopes,
    int TokenLifetimeSeconds,
    bool ClientCredentialsEnabled)
{
    public bool IsConfidential => Secret is not null;
}
