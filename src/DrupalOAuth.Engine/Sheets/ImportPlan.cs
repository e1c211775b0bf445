using System.Collections.Generic;
using System.Linq;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The pre-flight of an import: every row converted, its references and key resolved, and compared with the entity
    /// it matches, before anything is written.
    /// </summary>
    public sealed class ImportPlan
    {
        internal ImportPlan(string typeName, IReadOnlyList<PlannedRow> rows, string? stopReason, IReadOnlyList<string> warnings, int lookupRequests)
        {
            TypeName = typeName;
            Rows = rows;
            StopReason = stopReason;
            Warnings = warnings;
            LookupRequests = lookupRequests;
            InvalidCount = rows.Count(r => r.Action == ImportAction.Failed);
        }

        public string TypeName { get; }

        public IReadOnlyList<PlannedRow> Rows { get; }

        /// <summary>Rows that failed the pre-flight.</summary>
        public int InvalidCount { get; }

        /// <summary>Invalid rows without -SkipInvalidRows: nothing may be written, and the valid rows are Skipped.</summary>
        public bool Stopped => StopReason != null;

        /// <summary>When <see cref="Stopped"/>, why: "3 of 100 rows are invalid (rows 4, 17, 88)"; the valid rows' Error says the same.</summary>
        public string? StopReason { get; }

        /// <summary>Things to tell that fail no row (a column ignored as read-only, a reference that would be created).</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The read requests the pre-flight made (fields, keys, references), for -Verbose and the closing report.</summary>
        public int LookupRequests { get; }
    }
}
