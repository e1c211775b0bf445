using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// What one sheet row says, converted: the id it names, the attributes as JSON-ready values (an object field as an
    /// ordered dictionary of its properties, a list as object[]), the relationships as the labels or ids the cells
    /// give (not yet resolved), and every cell that could not convert.
    /// </summary>
    internal sealed class RowValues
    {
        public RowValues(string? id, IReadOnlyDictionary<string, object?> attributes, IReadOnlyDictionary<string, IReadOnlyList<string>> references, IReadOnlyList<string> errors)
        {
            Id = id;
            Attributes = attributes;
            References = references;
            Errors = errors;
        }

        /// <summary>The id column's value; null when empty or absent.</summary>
        public string? Id { get; }

        public IReadOnlyDictionary<string, object?> Attributes { get; }

        /// <summary>By relationship field: the names (labels or ids) in the cell; an empty list empties the field (-ClearEmpty).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; }

        /// <summary>"column 'status': 'maybe' is not a boolean; use true or false, 1 or 0, yes or no" (one per bad cell).</summary>
        public IReadOnlyList<string> Errors { get; }

        /// <summary>Every cell empty: nothing to write and nothing wrong (with -ClearEmpty too, whose empties are nulls and empty lists).</summary>
        public bool IsBlank =>
            Id == null
            && Errors.Count == 0
            && Attributes.Values.All(v => v == null || (v is ICollection items && !(v is IDictionary) && items.Count == 0))
            && References.Values.All(names => names.Count == 0);
    }
}
