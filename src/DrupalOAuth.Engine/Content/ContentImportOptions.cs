namespace DrupalOAuth.Content
{
    /// <summary>How Import-DrupalContent treats what the site has.</summary>
    public sealed class ContentImportOptions
    {
        public ExistingContent Existing { get; set; } = ExistingContent.Update;

        /// <summary>A user name or UUID that references to users the target lacks become; null: such an entity fails.</summary>
        public string? DefaultUser { get; set; }
    }
}
