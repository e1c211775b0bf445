using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Reads a .csv sheet by RFC 4180: cells separated by commas, a quoted cell may hold commas, line breaks (CR, LF
    /// or CRLF) and doubled quotes; records end with CRLF, LF or CR. UTF-8 with or without a byte-order mark, or
    /// UTF-16 with one. Every cell is text, an empty cell null.
    /// </summary>
    /// <remarks>
    /// Excel in European locales saves "CSV" with semicolons between cells: a file whose header row has no comma
    /// but has a semicolon is read with <c>;</c> as the separator. Text that is not UTF-8 (Excel's plain "CSV" is
    /// saved in the computer's code page) is refused rather than read as mojibake.
    /// </remarks>
    internal sealed class CsvSheetReader
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private readonly string _path;
        private readonly StringBuilder _cell = new StringBuilder();
        private TextReader _input;
        private StringBuilder? _raw;
        private char _separator = ',';

        private CsvSheetReader(string path, TextReader input)
        {
            _path = path;
            _input = input;
        }

        public static SheetTable Read(Stream file, string path)
        {
            using (var text = new StreamReader(file, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 65536))
            {
                try
                {
                    return new CsvSheetReader(path, text).ReadTable();
                }
                catch (DecoderFallbackException e)
                {
                    throw SheetFileErrors.Invalid(path, "is not UTF-8 text (Excel's plain \"CSV\" is saved in the computer's code page). Save it from Excel as \"CSV UTF-8 (Comma delimited)\", or as .xlsx.", e);
                }
            }
        }

        private SheetTable ReadTable()
        {
            _raw = new StringBuilder();
            var headers = ReadRecord(0);
            if (headers == null)
            {
                throw SheetFileErrors.Invalid(_path, "is empty: its first row must name the columns (id, title, body.value ...).");
            }

            if (headers.Count == 1 && _raw.ToString().IndexOf(';') >= 0)
            {
                // Read the header row again with the separator it shows, then go on in the file.
                var rest = _input;
                _separator = ';';
                _input = new StringReader(_raw.ToString());
                headers = ReadRecord(0)!;
                _input = rest;
            }

            _raw = null;
            var table = new SheetTableBuilder(_path, headers);
            for (var row = 1; ; row++)
            {
                var cells = ReadRecord(row);
                if (cells == null)
                {
                    return table.Build();
                }

                table.Add(cells);
            }
        }

        /// <summary>The next record's cells; null at the end of the file. <paramref name="row"/> is for errors (0: the header).</summary>
        private List<string?>? ReadRecord(int row)
        {
            var c = Next();
            if (c < 0)
            {
                return null;
            }

            var cells = new List<string?>();
            while (true)
            {
                if (c == '"' && _cell.Length == 0)
                {
                    ReadQuoted(row);
                    c = Next();
                    continue;
                }

                if (c < 0 || c == '\n')
                {
                    break;
                }

                if (c == '\r')
                {
                    if (_input.Peek() == '\n')
                    {
                        Next();
                    }

                    break;
                }

                if (c == _separator)
                {
                    cells.Add(TakeCell());
                }
                else
                {
                    _cell.Append((char)c);
                }

                c = Next();
            }

            cells.Add(TakeCell());
            return cells;
        }

        // After the closing quote, anything before the next separator is kept as it is, as Excel does.
        private void ReadQuoted(int row)
        {
            while (true)
            {
                var c = Next();
                if (c < 0)
                {
                    var where = row == 0 ? "the header row" : "row " + row.ToString(CultureInfo.InvariantCulture);
                    throw SheetFileErrors.Invalid(_path, $"has a quoted cell in {where} that is never closed: a \" opens it, and no \" ends it before the end of the file. Close the quote (a quote inside a cell is written twice: \"\").");
                }

                if (c == '"')
                {
                    if (_input.Peek() != '"')
                    {
                        return;
                    }

                    Next();
                }

                _cell.Append((char)c);
            }
        }

        private int Next()
        {
            var c = _input.Read();
            if (c >= 0)
            {
                _raw?.Append((char)c);
            }

            return c;
        }

        private string? TakeCell()
        {
            var text = _cell.Length == 0 ? null : _cell.ToString();
            _cell.Clear();
            return text;
        }
    }
}
