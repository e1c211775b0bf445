using System;
using System.Security;

namespace DrupalOAuth.Connections
{
    /// <summary>
    /// Where an unattended job can keep the connection details instead of in the script: read when
    /// Connect-DrupalApi gets neither -ClientId/-ClientSecret nor -Credential.
    /// </summary>
    public static class EnvironmentVariables
    {
        public const string SiteUri = "DRUPAL_URI";
        public const string ClientId = "DRUPAL_CLIENT_ID";
        public const string ClientSecret = "DRUPAL_CLIENT_SECRET";

        public static string? Get(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        /// <summary>The secret as a read-only SecureString, or null when the variable is unset.</summary>
        public static SecureString? GetSecret()
        {
            var value = Environment.GetEnvironmentVariable(ClientSecret);
            return string.IsNullOrEmpty(value) ? null : SecureStrings.ReadOnlyFrom(value!);
        }
    }
}
