using System;
using System.Collections.Generic;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// Which token a request needs: one per token URL, client id, scope and secret (by its keyed fingerprint, never
    /// the secret itself), so that runspaces using the same consumer share one token and another secret never gets it.
    /// </summary>
    internal sealed class TokenCacheKey : IEquatable<TokenCacheKey>
    {
        public TokenCacheKey(Uri tokenUri, string clientId, IReadOnlyList<string> scope, string secretFingerprint)
        {
            TokenUri = tokenUri.AbsoluteUri;
            ClientId = clientId;
            Scope = string.Join(" ", scope);
            SecretFingerprint = secretFingerprint;
        }

        public string TokenUri { get; }

        public string ClientId { get; }

        public string Scope { get; }

        /// <summary>Left out of <see cref="ToString"/>: it is no secret, but it is nothing a user needs to see.</summary>
        public string SecretFingerprint { get; }

        public bool Equals(TokenCacheKey? other) =>
            other != null
            && string.Equals(TokenUri, other.TokenUri, StringComparison.Ordinal)
            && string.Equals(ClientId, other.ClientId, StringComparison.Ordinal)
            && string.Equals(Scope, other.Scope, StringComparison.Ordinal)
            && string.Equals(SecretFingerprint, other.SecretFingerprint, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as TokenCacheKey);

        public override int GetHashCode() =>
            (StringComparer.Ordinal.GetHashCode(TokenUri) * 397) ^ (StringComparer.Ordinal.GetHashCode(ClientId) * 31) ^ StringComparer.Ordinal.GetHashCode(Scope) ^ (StringComparer.Ordinal.GetHashCode(SecretFingerprint) * 7);

        public override string ToString() => $"client '{ClientId}'";
    }
}
