using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One entity, as Get-DrupalEntity writes it (a flat object: attributes, relationships as ids, or included
    /// objects), to the cells of an export's columns: plain values a spreadsheet shows as they are (string, bool,
    /// long, double, DateTimeOffset for timestamps, null), an object field's property per dotted column, a list
    /// joined by <see cref="CellList"/>, a relationship as its items' labels or ids.
    /// </summary>
    internal static class RowFlattener
    {
        /// <param name="labelOf">The label of a related id; null for ids (-ReferenceBy Id). An included object's own label is used first; an id without a label is written as the id.</param>
        public static object?[] Flatten(PSObject entity, IReadOnlyList<SheetColumn> columns, Func<string, string?>? labelOf, string delimiter) => throw new NotImplementedException();

        /// <summary>The related ids in the entity's relationship columns, with the column's field, for one batched label lookup per page.</summary>
        public static IEnumerable<KeyValuePair<FieldShape, string>> RelatedIds(PSObject entity, IReadOnlyList<SheetColumn> columns) => throw new NotImplementedException();
    }
}
