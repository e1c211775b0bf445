using System;
using System.Collections.Generic;
using System.Linq;

namespace DrupalOAuth.Identity
{
    /// <summary>
    /// The one rule of client credentials in Drupal: never bind an administrator to the consumer. A user breaks it
    /// with the administrator role, Drupal's is_admin flag, or any permission that administers the site or
    /// bypasses access control.
    /// </summary>
    internal static class AdministratorRule
    {
        public static IReadOnlyList<string> Reasons(IReadOnlyList<string> roles, IReadOnlyList<string> permissions, IReadOnlyList<string> scope, bool? isAdmin)
        {
            var reasons = new List<string>();
            if (isAdmin == true)
            {
                reasons.Add("is_admin");
            }

            // Simple OAuth 5.x puts role names into the token's scope claim.
            if (roles.Concat(scope).Any(r => string.Equals(r, "administrator", StringComparison.OrdinalIgnoreCase)))
            {
                reasons.Add("role 'administrator'");
            }

            var dangerous = permissions
                .Where(p => p.StartsWith("administer ", StringComparison.OrdinalIgnoreCase) || string.Equals(p, "bypass node access", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (dangerous.Count > 0)
            {
                reasons.Add("permissions '" + string.Join("', '", dangerous.Take(5)) + "'" + (dangerous.Count > 5 ? $" and {dangerous.Count - 5} more" : string.Empty));
            }

            return reasons;
        }
    }
}
