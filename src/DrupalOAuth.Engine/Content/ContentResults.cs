using DrupalOAuth.Errors;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Every ContentResult the engine makes: its Error and Notes carry Drupal's own words (a server that echoes the
    /// token or secret), and a result is output, which the scrubbing of error records never reaches.
    /// </summary>
    internal static class ContentResults
    {
        public static ContentResult Of(ContentEntity entity, ContentAction action, string? changed = null, string? notes = null, string? error = null, string? path = null) =>
            Of(entity.EntityType, entity.Bundle, entity.Uuid, entity.Label, action, changed, notes, error, path);

        public static ContentResult Of(string entityType, string? bundle, string uuid, string? label, ContentAction action, string? changed = null, string? notes = null, string? error = null, string? path = null) =>
            new ContentResult(
                entityType,
                bundle,
                uuid,
                label,
                action,
                changed,
                notes == null ? null : SecretScrubber.Shared.Scrub(notes),
                error == null ? null : SecretScrubber.Shared.Scrub(error),
                path);
    }
}
