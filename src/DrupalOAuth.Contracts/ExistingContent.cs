namespace DrupalOAuth
{
    /// <summary>What Import-DrupalContent does with an entity whose UUID the site already has.</summary>
    public enum ExistingContent
    {
        /// <summary>Send the fields that differ (nothing when none do).</summary>
        Update,

        /// <summary>Leave it as it is (what a recipe does).</summary>
        Skip,

        /// <summary>Fail that entity (what core's importer does).</summary>
        Error,
    }
}
