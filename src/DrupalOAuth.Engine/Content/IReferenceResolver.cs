namespace DrupalOAuth.Content
{
    /// <summary>Answers where the references of a folder's field items point on the target site.</summary>
    public interface IReferenceResolver
    {
        /// <summary>
        /// An item <c>entity: &lt;uuid&gt;</c> (<paramref name="entityType"/> from <c>_meta.depends</c>, null if not listed),
        /// or <c>target_id: &lt;id&gt;</c> (<paramref name="uuid"/> null: users 0 and 1, config targets); null when it
        /// points nowhere on the target.
        /// </summary>
        ResolvedReference? Resolve(string field, string? entityType, string? uuid, object? targetId);
    }
}
