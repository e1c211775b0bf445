using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace DrupalTestServer.OAuth;

/// <summary>
/// The issued tokens by jti, like Drupal's database: a token whose entry is gone is revoked.
/// Revoked entries are kept aside only so that a test reset can bring them back.
/// </summary>
public sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> stored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> revoked = new(StringComparer.Ordinal);

    public int Count => stored.Count;

    public void Add(IssuedToken token) => stored[token.Jti] = token;

    public bool TryGet(string jti, [MaybeNullWhen(false)] out IssuedToken token) => stored.TryGetValue(jti, out token);

    public void RevokeAll() => Move(stored, revoked);

    public void RestoreRevoked() => Move(revoked, stored);

    private static void Move(ConcurrentDictionary<string, IssuedToken> from, ConcurrentDictionary<string, IssuedToken> to)
    {
        foreach (var jti in from.Keys)
        {
            if (from.TryRemove(jti, out var token))
                to[jti] = token;
        }
    }
}
