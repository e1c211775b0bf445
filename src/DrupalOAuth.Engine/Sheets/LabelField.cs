namespace DrupalOAuth.Sheets
{
    /// <summary>The field that names an entity of a resource type: a node's title, a term's or user's name, a file's filename.</summary>
    internal static class LabelField
    {
        /// <summary>What Drupal shows for a user the consumer may see only as a label (no "access user profiles").</summary>
        public const string DisplayName = "display_name";

        public static string For(string typeName) => throw new System.NotImplementedException();
    }
}
