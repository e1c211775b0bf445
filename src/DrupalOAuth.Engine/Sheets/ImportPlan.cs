using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The pre-flight of an import: every row converted, its references and key resolved, and compared with the entity
    /// it matches, before anything is written.
    /// </summary>
    public sealed class ImportPlan
    {
        public string TypeName => throw new System.NotImplementedException();

        public IReadOnlyList<PlannedRow> Rows => throw new System.NotImplementedException();

        /// <summary>Rows that failed the pre-flight.</summary>
        public int InvalidCount => throw new System.NotImplementedException();

        /// <summary>Invalid rows without -SkipInvalidRows: nothing may be written, and the valid rows are Skipped.</summary>
        public bool Stopped => throw new System.NotImplementedException();

        /// <summary>Things to tell that fail no row (a column ignored as read-only, a reference that would be created).</summary>
        public IReadOnlyList<string> Warnings => throw new System.NotImplementedException();

        /// <summary>The read requests the pre-flight made (fields, keys, references), for -Verbose and the closing report.</summary>
        public int LookupRequests => throw new System.NotImplementedException();
    }
}
