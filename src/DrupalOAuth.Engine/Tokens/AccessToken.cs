using System;
using System.Collections.Generic;
using System.Security;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// An access token from the token endpoint. The token itself is a private field, not a property, so that no
    /// formatter, serializer or <c>ToString()</c> shows it; <see cref="ToSecureString"/> and
    /// <see cref="RevealPlainText"/> hand it out only on purpose.
    /// </summary>
    public sealed class AccessToken
    {
        // Drupal has no clock-skew leeway: renew this long before expiry, at most, or a tenth of the lifetime.
        internal static readonly TimeSpan MaximumRenewalMargin = TimeSpan.FromSeconds(60);

        private readonly string _value;

        internal AccessToken(string value, string tokenType, DateTimeOffset issuedOn, TimeSpan lifetime, IReadOnlyList<string> scope)
        {
            _value = value;
            TokenType = tokenType;
            IssuedOn = issuedOn;
            ExpiresOn = issuedOn + lifetime;
            var margin = TimeSpan.FromTicks(Math.Min(MaximumRenewalMargin.Ticks, lifetime.Ticks / 10));
            RenewOn = ExpiresOn - margin;
            Scope = scope;
        }

        public string TokenType { get; }

        /// <summary>When the request that got it was sent, by the local clock.</summary>
        public DateTimeOffset IssuedOn { get; }

        public DateTimeOffset ExpiresOn { get; }

        /// <summary>From this moment on the token is renewed before use, so no request goes out with a dying token.</summary>
        public DateTimeOffset RenewOn { get; }

        /// <summary>The token's <c>scope</c> claim when it is a JWT, else the scopes that were asked for.</summary>
        public IReadOnlyList<string> Scope { get; }

        public SecureString ToSecureString() => SecureStrings.ReadOnlyFrom(_value);

        public string RevealPlainText() => _value;

        internal string AuthorizationHeaderValue => _value;

        public override string ToString() => $"{TokenType} token, expires {ExpiresOn:u}";
    }
}
