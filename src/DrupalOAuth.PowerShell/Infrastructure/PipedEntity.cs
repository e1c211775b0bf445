using System.Management.Automation;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>An entity as Get-DrupalEntity writes it, piped to another cmdlet: known by its type and id properties.</summary>
    internal static class PipedEntity
    {
        public static bool TryIdentify(PSObject item, out string type, out string id)
        {
            type = item.Properties["type"]?.Value?.ToString() ?? string.Empty;
            id = item.Properties["id"]?.Value?.ToString() ?? string.Empty;
            return type.Trim().Length > 0 && id.Trim().Length > 0;
        }
    }
}
