using System;
using System.Linq;
using System.Collections;
using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// What the pre-flight made of one row: the action it leads to (WouldCreate, WouldUpdate, Unchanged, Failed or
    /// Skipped), the entity's id and label, the fields that would be sent, and why it failed.
    /// </summary>
    public sealed class PlannedRow
    {
        internal PlannedRow(string typeName, int number, ImportAction action, string? id, string? label, string[]? changed, string? error, IDictionary? attributes = null, IDictionary? relationships = null, IReadOnlyList<PlannedReference>? creations = null)
        {
            TypeName = typeName;
            Number = number;
            Action = action;
            Id = id;
            Label = label;
            Changed = changed ?? Array.Empty<string>();
            Error = error;
            Attributes = attributes;
            Relationships = relationships;
            Creations = creations ?? Array.Empty<PlannedReference>();
        }

        public int Number { get; }

        public ImportAction Action { get; }

        public string? Id { get; }

        public string? Label { get; }

        public string[] Changed { get; }

        public string? Error { get; }

        /// <summary>"Row 7: node--article 'Title' (uuid)", for -WhatIf, -Confirm and error messages.</summary>
        public string Description =>
            $"Row {Number}: {TypeName}{(Label == null ? string.Empty : " '" + Label + "'")}{(Id == null ? string.Empty : " (" + Id + ")")}";

        /// <summary>Whether applying it sends anything (a create or an update).</summary>
        public bool Writes => Action == ImportAction.WouldCreate || Action == ImportAction.WouldUpdate;

        internal string TypeName { get; }

        /// <summary>The attributes to send, JSON-ready: every one given for a create, only those that differ for an update.</summary>
        internal IDictionary? Attributes { get; }

        /// <summary>The relationships to send, by field: @{ type; id } hashtables (an array for a multi-value field).</summary>
        internal IDictionary? Relationships { get; }

        /// <summary>The references this row needs made first (-CreateMissingReferences), shared with other rows that name them.</summary>
        internal IReadOnlyList<PlannedReference> Creations { get; }

        /// <summary>Whether writing this row creates references first (-CreateMissingReferences) that no row has made yet.</summary>
        public bool CreatesReferences => Creations.Any(creation => !creation.Made);

        /// <summary>The plan's own result: what -WhatIf writes.</summary>
        public ImportResult AsResult() => new ImportResult(Number, Action, Id, Label, Changed, Error);

        /// <summary>The row's result when its write failed.</summary>
        public ImportResult Failed(string error) => new ImportResult(Number, ImportAction.Failed, Id, Label, Changed, error);

        /// <summary>The same row, not written because the import stopped.</summary>
        internal PlannedRow Skipped(string error) => new PlannedRow(TypeName, Number, ImportAction.Skipped, Id, Label, Changed, error);
    }
}
