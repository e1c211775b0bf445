using System.Collections.Generic;

namespace DrupalOAuth
{
    /// <summary>
    /// What became of one row of Import-DrupalEntity: its number (among the data rows of the file, the header not
    /// counted, or its position in the pipeline, from 1), the action, the entity's id and label, the fields sent and,
    /// for a failed row, why. A report can be made of these as they are (Export-Csv).
    /// </summary>
    public sealed class ImportResult
    {
        public ImportResult(int row, ImportAction action, string? id, string? label, IEnumerable<string>? changed, string? error)
        {
            Row = row;
            Action = action;
            Id = id;
            Label = label;
            Changed = changed == null ? string.Empty : string.Join(", ", changed);
            Error = error;
        }

        public int Row { get; }

        public ImportAction Action { get; }

        /// <summary>The entity's UUID (its JSON:API id): the one made, changed or matched, or the one a create would use.</summary>
        public string? Id { get; }

        public string? Label { get; }

        /// <summary>
        /// The field names sent (or that would be sent under -WhatIf), joined by ", "; empty when nothing differed. Text
        /// rather than a list, so that Export-Csv writes the names and not "System.String[]" (-split ', ' gives the list).
        /// </summary>
        public string Changed { get; }

        public string? Error { get; }

        public override string ToString() => $"Row {Row}: {Action}{(Id == null ? string.Empty : " " + Id)}{(Error == null ? string.Empty : ": " + Error)}";
    }
}
