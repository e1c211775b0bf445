namespace DrupalOAuth.Content
{
    /// <summary>Where a reference of the folder points on the target site: the JSON:API type and id to send.</summary>
    public sealed class ResolvedReference
    {
        public ResolvedReference(string typeName, string id)
        {
            TypeName = typeName;
            Id = id;
        }

        /// <summary>Such as <c>taxonomy_term--tags</c>.</summary>
        public string TypeName { get; }

        /// <summary>The target's UUID (an uploaded file's differs from the folder's).</summary>
        public string Id { get; }
    }
}
