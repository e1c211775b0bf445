using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// What every sheet reader does with what it read: the header row checked (every column named once), rows
    /// numbered among the data rows from 1, a row's missing cells null, and blank rows (every cell empty) left out
    /// while still counted, so that the numbers stay those of the file whether a blank row is in the middle or a
    /// spreadsheet left empty rows at the end.
    /// </summary>
    internal sealed class SheetTableBuilder
    {
        private readonly string _path;
        private readonly string[] _headers;
        private readonly List<SheetRow> _rows = new List<SheetRow>();
        private int _number;

        /// <summary>
        /// Headers as read, in column order; surrounding white space is trimmed, and empty headers after the last named
        /// column are dropped (a spreadsheet often reaches further than its data).
        /// </summary>
        public SheetTableBuilder(string path, IReadOnlyList<string?> headers)
        {
            _path = path;
            var count = headers.Count;
            while (count > 0 && string.IsNullOrWhiteSpace(headers[count - 1]))
            {
                count--;
            }

            _headers = new string[count];
            var seen = new Dictionary<string, int>();
            for (var i = 0; i < count; i++)
            {
                var header = headers[i]?.Trim() ?? string.Empty;
                if (header.Length == 0)
                {
                    throw SheetFileErrors.Invalid(path, $"has a column with no header: {Column(i)}. Name every column in the header row (a field name such as title or body.value), or delete the column.");
                }

                if (seen.TryGetValue(header, out var first))
                {
                    throw SheetFileErrors.Invalid(path, $"names the column '{header}' twice: {Column(first)} and {Column(i)}. Keep one of them.");
                }

                seen.Add(header, i);
                _headers[i] = header;
            }

            if (count == 0)
            {
                throw SheetFileErrors.Invalid(path, "has no header row: its first row must name the columns (id, title, body.value ...).");
            }
        }

        public IReadOnlyList<string> Headers => _headers;

        /// <summary>The next data row's cells, in column order; empty strings count as empty cells.</summary>
        public void Add(IReadOnlyList<object?> cells)
        {
            _number++;
            var blank = true;
            for (var i = 0; i < cells.Count; i++)
            {
                if (IsEmpty(cells[i]))
                {
                    continue;
                }

                if (i >= _headers.Length)
                {
                    throw SheetFileErrors.Invalid(_path, $"has a value in row {_number.ToString(CultureInfo.InvariantCulture)} beyond the last named column ({Column(i)}, but the header row names {_headers.Length.ToString(CultureInfo.InvariantCulture)} columns). Name that column in the header row, or remove the extra value (in a CSV file, often a separator too many).");
                }

                blank = false;
            }

            if (blank)
            {
                return;
            }

            var row = new KeyValuePair<string, object?>[_headers.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = new KeyValuePair<string, object?>(_headers[i], i < cells.Count && !IsEmpty(cells[i]) ? cells[i] : null);
            }

            _rows.Add(new SheetRow(_number, row));
        }

        public SheetTable Build() => new SheetTable(_headers, _rows);

        /// <summary>A column as a user finds it: its position, with its letter as a spreadsheet shows it.</summary>
        private static string Column(int index)
        {
            var letters = new StringBuilder();
            for (var n = index + 1; n > 0; n = (n - 1) / 26)
            {
                letters.Insert(0, (char)('A' + ((n - 1) % 26)));
            }

            return string.Format(CultureInfo.InvariantCulture, "column {0} ({1})", index + 1, letters);
        }

        private static bool IsEmpty(object? cell) => cell == null || cell is string text && text.Length == 0;
    }
}
