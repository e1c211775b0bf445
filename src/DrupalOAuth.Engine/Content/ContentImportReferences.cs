namespace DrupalOAuth.Content
{
    /// <summary>
    /// Where an import's references point on the target: an entity found there by UUID, a user mapped to -DefaultUser,
    /// or one the import made (an uploaded file under the UUID the site gave it); users 0 and 1, which core writes by id, as
    /// the site has them. Reads the plan's targets only, so it
    /// answers for a reference once what it points at is settled.
    /// </summary>
    internal sealed class ContentImportReferences : IReferenceResolver
    {
        private readonly ContentImportPlan _plan;

        public ContentImportReferences(ContentImportPlan plan)
        {
            _plan = plan;
        }

        public ResolvedReference? Resolve(string field, string? entityType, string? uuid, object? targetId) =>
            _plan.Targets.TryGetValue(uuid ?? (targetId is long uid ? ContentImporter.UserKey(uid) : string.Empty), out var target) ? target : null;
    }
}
