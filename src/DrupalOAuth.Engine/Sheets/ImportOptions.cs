using System.Collections;

namespace DrupalOAuth.Sheets
{
    /// <summary>Import-DrupalEntity's choices, as given.</summary>
    public sealed class ImportOptions
    {
        /// <summary>The field rows are matched by (field_external_id, title); null: by the id column, else by the UUID derived from the label.</summary>
        public string? Key { get; set; }

        public ReferenceBy ReferenceBy { get; set; } = ReferenceBy.Label;

        /// <summary>By field: the resource type(s) it points at, @{ field_tags = 'taxonomy_term--tags' }.</summary>
        public IDictionary? ReferenceTypes { get; set; }

        public bool CreateMissingReferences { get; set; }

        public string Delimiter { get; set; } = CellList.DefaultDelimiter;

        public bool SkipInvalidRows { get; set; }

        public bool ClearEmpty { get; set; }
    }
}
