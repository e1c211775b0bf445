using System;
using System.Collections.Generic;

namespace DrupalOAuth.Tokens
{
    /// <summary>Which token a request needs: one per token URL, client id and scope.</summary>
    internal sealed class TokenCacheKey : IEquatable<TokenCacheKey>
    {
        public TokenCacheKey(Uri tokenUri, string clientId, IReadOnlyList<string> scope)
        {
            TokenUri = tokenUri.AbsoluteUri;
            ClientId = clientId;
            Scope = string.Join(" ", scope);
        }

        public string TokenUri { get; }

        public string ClientId { get; }

        public string Scope { get; }

        public bool Equals(TokenCacheKey? other) =>
            other != null
            && string.Equals(TokenUri, other.TokenUri, StringComparison.Ordinal)
            && string.Equals(ClientId, other.ClientId, StringComparison.Ordinal)
            && string.Equals(Scope, other.Scope, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as TokenCacheKey);

        public override int GetHashCode() =>
            (StringComparer.Ordinal.GetHashCode(TokenUri) * 397) ^ (StringComparer.Ordinal.GetHashCode(ClientId) * 31) ^ StringComparer.Ordinal.GetHashCode(Scope);

        public override string ToString() => $"client '{ClientId}'";
    }
}
