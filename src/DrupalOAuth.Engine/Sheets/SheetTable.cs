using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// A sheet file read whole: its headers in order and its data rows, numbered from 1 after the header. A row whose
    /// cells are all empty is not among the rows but keeps its number, so that a row's number is always its place
    /// in the file (in a workbook, its row number less one).
    /// </summary>
    public sealed class SheetTable
    {
        public SheetTable(IReadOnlyList<string> headers, IReadOnlyList<SheetRow> rows)
        {
            Headers = headers;
            Rows = rows;
        }

        public IReadOnlyList<string> Headers { get; }

        public IReadOnlyList<SheetRow> Rows { get; }
    }
}
