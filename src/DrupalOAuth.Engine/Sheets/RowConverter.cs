using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// A sheet row to <see cref="RowValues"/>, column by column: read-only columns are ignored, an object field's
    /// dotted columns become one object (a formatted text field without a format column, or given as one plain
    /// column, gets the site's format), a multi-value cell is split by <see cref="CellList"/>, an empty cell sends
    /// nothing unless <paramref name="clearEmpty"/> (then null, or an empty list).
    /// </summary>
    internal static class RowConverter
    {
        /// <param name="columns">The row's columns by header, from <see cref="BundleFields.Column"/>; headers that name nothing are left out by the caller.</param>
        public static RowValues Convert(SheetRow row, IReadOnlyDictionary<string, SheetColumn> columns, string delimiter, bool clearEmpty) => throw new System.NotImplementedException();
    }
}
