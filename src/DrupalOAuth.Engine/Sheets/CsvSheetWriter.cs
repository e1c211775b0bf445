using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// A .csv sheet as Excel opens it right by a double click: UTF-8 with a byte-order mark (without one Excel reads
    /// the system's code page and shows mojibake), CRLF line ends, a comma between cells, RFC 4180 quoting.
    /// </summary>
    internal sealed class CsvSheetWriter : SheetWriter
    {
        private const int BufferSize = 65536;
        private static readonly char[] QuotedCharacters = { '"', ',', '\r', '\n' };

        private StreamWriter? _text;

        public CsvSheetWriter(string path, IReadOnlyList<string> headers)
            : base(path, headers)
        {
        }

        private protected override void Begin(Stream file)
        {
            _text = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), BufferSize) { NewLine = "\r\n" };
            for (var i = 0; i < Headers.Count; i++)
            {
                WriteCell(i, Headers[i]);
            }

            _text.WriteLine();
        }

        private protected override void WriteRow(object?[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                WriteCell(i, SheetCells.Text(cells[i]));
            }

            _text!.WriteLine();
        }

        private protected override void Finish() => _text!.Dispose();

        private protected override void Abandon() => _text?.Dispose();

        // A cell with a quote, a comma or a line break is quoted, and so is one with a space at either end, which a
        // reader (Excel among them) could otherwise trim.
        private void WriteCell(int column, string? text)
        {
            if (column > 0)
            {
                _text!.Write(',');
            }

            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            if (text!.IndexOfAny(QuotedCharacters) < 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[text.Length - 1]))
            {
                _text!.Write(text);
                return;
            }

            _text!.Write('"');
            _text.Write(text.Replace("\"", "\"\""));
            _text.Write('"');
        }
    }
}
