using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One data row of a sheet: its number (among the data rows of a file, the header not counted, or its position in
    /// the pipeline, from 1; every error about it uses this number) and its cells by header, in column order.
    /// </summary>
    public sealed class SheetRow
    {
        public SheetRow(int number, IReadOnlyList<KeyValuePair<string, object?>> cells)
        {
            Number = number;
            Cells = cells;
        }

        public int Number { get; }

        public IReadOnlyList<KeyValuePair<string, object?>> Cells { get; }
    }
}
