using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// A .json sheet: an array of objects, one property per header in header order, values typed (numbers, booleans,
    /// null; dates as ISO 8601 strings), UTF-8 without a byte-order mark, indented, non-ASCII text as it is.
    /// </summary>
    internal sealed class JsonSheetWriter : SheetWriter
    {
        // What is buffered before it is handed to the file, so that a row is never held longer than it needs.
        private const int FlushSize = 65536;

        private Utf8JsonWriter? _json;

        public JsonSheetWriter(string path, IReadOnlyList<string> headers)
            : base(path, headers)
        {
        }

        private protected override void Begin(Stream file)
        {
            // The file is data, never embedded in HTML, so text is written as it is rather than as \u escapes.
            _json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _json.WriteStartArray();
        }

        private protected override void WriteRow(object?[] cells)
        {
            var json = _json!;
            json.WriteStartObject();
            for (var i = 0; i < cells.Length; i++)
            {
                json.WritePropertyName(Headers[i]);
                switch (cells[i])
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case string text:
                        json.WriteStringValue(text);
                        break;
                    case bool flag:
                        json.WriteBooleanValue(flag);
                        break;
                    case long number:
                        json.WriteNumberValue(number);
                        break;
                    case double real:
                        json.WriteNumberValue(real);
                        break;
                    case decimal number:
                        json.WriteNumberValue(number);
                        break;
                    case DateTimeOffset date:
                        json.WriteStringValue(SheetCells.Date(date));
                        break;
                }
            }

            json.WriteEndObject();
            if (json.BytesPending >= FlushSize)
            {
                json.Flush();
            }
        }

        private protected override void Finish()
        {
            _json!.WriteEndArray();
            _json.Flush();
            _json.Dispose();
        }

        private protected override void Abandon() => _json?.Dispose();
    }
}
