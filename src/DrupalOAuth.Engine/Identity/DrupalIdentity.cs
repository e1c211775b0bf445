using System;
using System.Collections.Generic;
using System.Linq;

namespace DrupalOAuth.Identity
{
    /// <summary>
    /// Who Drupal takes the consumer's token for: the user it is bound to, that user's roles and granted
    /// permissions (from /oauth/debug), or, where the user may not call that route, the token's own claims.
    /// </summary>
    public sealed class DrupalIdentity
    {
        public const string FromDebugRoute = "/oauth/debug";
        public const string FromTokenClaims = "token claims";

        internal DrupalIdentity(string connectionName, string clientId, Uri siteUri, string? userId, IReadOnlyList<string> roles, IReadOnlyList<string> permissions, IReadOnlyList<string> scope, string source, bool? isAdmin)
        {
            ConnectionName = connectionName;
            ClientId = clientId;
            SiteUri = siteUri;
            UserId = userId;
            Roles = roles;
            Permissions = permissions;
            Scope = scope;
            Source = source;
            AdministratorReasons = AdministratorRule.Reasons(roles, permissions, scope, isAdmin);
        }

        public string ConnectionName { get; }

        public string ClientId { get; }

        public Uri SiteUri { get; }

        /// <summary>The id of the user the consumer acts as; null when neither source tells.</summary>
        public string? UserId { get; }

        public IReadOnlyList<string> Roles { get; }

        /// <summary>The permissions the user holds (access true); empty when read from the token's claims.</summary>
        public IReadOnlyList<string> Permissions { get; }

        public IReadOnlyList<string> Scope { get; }

        /// <summary>Where this came from: <see cref="FromDebugRoute"/> or <see cref="FromTokenClaims"/>.</summary>
        public string Source { get; }

        public bool IsAdministrator => AdministratorReasons.Count > 0;

        /// <summary>Why the user counts as an administrator: roles and permissions that break the admin rule.</summary>
        public IReadOnlyList<string> AdministratorReasons { get; }

        /// <summary>What to tell the user when the admin rule is broken; null when it is kept.</summary>
        public string? AdministratorWarning => IsAdministrator
            ? $"The consumer '{ClientId}' at {SiteUri} acts as a Drupal user with administrator rights ({string.Join("; ", AdministratorReasons)}). A client credentials token gets every permission of that user, and so does anyone holding the client secret: bind the consumer to a low-privilege user that has only the permissions the script needs."
            : null;

        public override string ToString() =>
            $"client '{ClientId}' as user {UserId ?? "(unknown)"} with roles {(Roles.Count == 0 ? "(unknown)" : string.Join(", ", Roles))}";
    }
}
