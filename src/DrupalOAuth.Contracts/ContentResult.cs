namespace DrupalOAuth
{
    /// <summary>
    /// What became of one entity of Export- or Import-DrupalContent. Flat text members, so that a report can be made of
    /// these as they are (Export-Csv).
    /// </summary>
    public sealed class ContentResult
    {
        public ContentResult(string entityType, string? bundle, string uuid, string? label, ContentAction action, string? changed, string? notes, string? error, string? path)
        {
            EntityType = entityType;
            Bundle = bundle;
            Uuid = uuid;
            Label = label;
            Action = action;
            Changed = changed ?? string.Empty;
            Notes = notes ?? string.Empty;
            Error = error;
            Path = path;
        }

        public string EntityType { get; }

        public string? Bundle { get; }

        /// <summary>The entity's UUID in the folder (for an uploaded file, the site's new one is in Notes).</summary>
        public string Uuid { get; }

        public string? Label { get; }

        public ContentAction Action { get; }

        /// <summary>The fields sent (or that would be sent under -WhatIf), joined by ", "; empty when none.</summary>
        public string Changed { get; }

        /// <summary>
        /// What was not done as the folder says, without failing the entity: values the consumer may not set, authors
        /// mapped to -DefaultUser, translations JSON:API cannot create; joined by "; ".
        /// </summary>
        public string Notes { get; }

        public string? Error { get; }

        /// <summary>The folder's file for this entity: the one written (export) or read (import).</summary>
        public string? Path { get; }

        public override string ToString() => $"{EntityType} {Uuid}: {Action}{(Error == null ? string.Empty : ": " + Error)}";
    }
}
