using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>A sheet file read whole: its headers in order and its data rows, numbered from 1 after the header.</summary>
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
