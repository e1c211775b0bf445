using System.Management.Automation;

namespace DrupalOAuth.Incremental
{
    /// <summary>
    /// What -IncludeDeleted writes for an entity a former run wrote and the site no longer has (or that no longer
    /// matches the filter): its type and id, and deleted = $true, so that a mirror can tell it from an entity.
    /// </summary>
    internal static class DeletedEntity
    {
        public const string TypeName = "DrupalOAuth.DeletedEntity";

        public static PSObject Create(string type, string id)
        {
            var gone = new PSObject();
            gone.Properties.Add(new PSNoteProperty("type", type));
            gone.Properties.Add(new PSNoteProperty("id", id));
            gone.Properties.Add(new PSNoteProperty("deleted", true));
            gone.TypeNames.Insert(0, TypeName);
            return gone;
        }
    }
}
