namespace DrupalOAuth.Sheets
{
    /// <summary>The field that names an entity of a resource type: a node's title, a term's or user's name, a file's filename.</summary>
    internal static class LabelField
    {
        /// <summary>What Drupal shows for a user the consumer may see only as a label (no "access user profiles").</summary>
        public const string DisplayName = "display_name";

        public static string For(string typeName)
        {
            var separator = typeName.IndexOf("--", System.StringComparison.Ordinal);
            switch (separator < 0 ? typeName : typeName.Substring(0, separator))
            {
                case "node":
                case "menu_link_content":
                    return "title";
                case "file":
                    return "filename";
                case "comment":
                    return "subject";
                case "block_content":
                    return "info";
                default:
                    // Terms, users, media and most other content entities.
                    return "name";
            }
        }
    }
}
