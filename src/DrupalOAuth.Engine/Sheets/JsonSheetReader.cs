using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using DrupalOAuth.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Reads a .json sheet: an array of objects, one per row. The headers are every property name met, in the order
    /// first met; values are string, long (an integer), double, bool or null, and a nested object or array is kept
    /// as its JSON text, for the column's conversion to judge.
    /// </summary>
    internal static class JsonSheetReader
    {
        public static SheetTable Read(Stream file, string path)
        {
            var bytes = new MemoryStream();
            file.CopyTo(bytes);
            JsonDocument document;
            try
            {
                document = JsonText.Parse(bytes.ToArray());
            }
            catch (JsonException e)
            {
                throw SheetFileErrors.Invalid(path, $"is not JSON: {JsonText.Where(e)}. A .json sheet is an array with one object per row, as Export-DrupalEntity writes it.", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array)
                {
                    throw SheetFileErrors.Invalid(path, $"holds a JSON {Kind(root)}, not an array: a .json sheet is an array with one object per row, as Export-DrupalEntity writes it.");
                }

                var columns = new Dictionary<string, int>();
                var headers = new List<string?>();
                var number = 0;
                foreach (var item in root.EnumerateArray())
                {
                    number++;
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        throw SheetFileErrors.Invalid(path, $"holds a JSON {Kind(item)} as row {number.ToString(CultureInfo.InvariantCulture)}: every item of the array must be an object, one property per column.");
                    }

                    foreach (var property in item.EnumerateObject())
                    {
                        if (string.IsNullOrWhiteSpace(property.Name))
                        {
                            throw SheetFileErrors.Invalid(path, $"has a property with no name in row {number.ToString(CultureInfo.InvariantCulture)}: every property names a column (a field name such as title or body.value).");
                        }

                        if (!columns.ContainsKey(property.Name))
                        {
                            columns.Add(property.Name, headers.Count);
                            headers.Add(property.Name);
                        }
                    }
                }

                if (headers.Count == 0)
                {
                    // An empty array (or one of empty objects) is a sheet with nothing in it, not a broken one.
                    return new SheetTable(Array.Empty<string>(), Array.Empty<SheetRow>());
                }

                var table = new SheetTableBuilder(path, headers);
                number = 0;
                foreach (var item in root.EnumerateArray())
                {
                    number++;
                    var cells = new object?[headers.Count];
                    var given = new bool[headers.Count];
                    foreach (var property in item.EnumerateObject())
                    {
                        var column = columns[property.Name];
                        if (given[column])
                        {
                            throw SheetFileErrors.Invalid(path, $"gives '{property.Name}' twice in row {number.ToString(CultureInfo.InvariantCulture)}. Keep one of them.");
                        }

                        given[column] = true;
                        cells[column] = Value(property.Value);
                    }

                    table.Add(cells);
                }

                return table.Build();
            }
        }

        private static object? Value(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                    return value.TryGetInt64(out var integer) ? integer : (object)value.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                default:
                    return value.GetRawText();
            }
        }

        private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
    }
}
