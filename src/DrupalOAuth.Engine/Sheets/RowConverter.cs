using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using DrupalOAuth.Json;

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
        private const string TypeHeader = "type";
        private const string ValueProperty = "value";
        private const string FormatProperty = "format";

        /// <summary>What a plain column gives an object field (a formatted text's value).</summary>
        private static readonly FieldShape PlainValue = new FieldShape(ValueProperty, FieldKind.Text);

        /// <param name="columns">The row's columns by header, from <see cref="BundleFields.Column"/>; headers that name nothing are left out by the caller.</param>
        public static RowValues Convert(SheetRow row, IReadOnlyDictionary<string, SheetColumn> columns, string delimiter, bool clearEmpty)
        {
            string? id = null;
            var attributes = new Dictionary<string, object?>();
            var references = new Dictionary<string, IReadOnlyList<string>>();
            var errors = new List<string>();

            // An object field's cells, gathered over its columns (body.value, body.format...) before it is made.
            var objects = new Dictionary<string, ObjectCells>();
            foreach (var given in row.Cells)
            {
                // Pipeline rows may hold values wrapped in PSObjects; a list cell must be seen as the text it is.
                var cell = new KeyValuePair<string, object?>(given.Key, PowerShellValue.Unwrap(given.Value));
                if (!columns.TryGetValue(cell.Key, out var column) || cell.Key == TypeHeader)
                {
                    continue;
                }

                var field = column.Field;
                if (field == null)
                {
                    id = CellConverter.IsEmpty(cell.Value) ? null : CellConverter.Text(cell.Value).Trim();
                    continue;
                }

                if (field.IsReadOnly || column.Property?.IsReadOnly == true)
                {
                    continue;
                }

                if (column.Property != null || field.Kind == FieldKind.Object)
                {
                    if (!objects.TryGetValue(field.Name, out var gathered))
                    {
                        gathered = new ObjectCells(field);
                        objects[field.Name] = gathered;
                        attributes[field.Name] = null;
                    }

                    gathered.Cells.Add(new KeyValuePair<SheetColumn, KeyValuePair<string, object?>>(column, cell));
                    continue;
                }

                if (field.Kind == FieldKind.Reference)
                {
                    if (!CellConverter.IsEmpty(cell.Value))
                    {
                        var text = CellConverter.Text(cell.Value);

                        // A single relationship is written as the one label, unquoted, and a label may hold the delimiter.
                        references[field.Name] = field.IsList ? CellList.Split(text, delimiter) : new[] { text.Trim() };
                    }
                    else if (clearEmpty)
                    {
                        references[field.Name] = new string[0];
                    }

                    continue;
                }

                if (Scalar(cell.Key, cell.Value, field, delimiter, clearEmpty, errors, out var value))
                {
                    attributes[field.Name] = value;
                }
            }

            foreach (var gathered in objects.Values)
            {
                if (gathered.Make(delimiter, clearEmpty, errors, out var value))
                {
                    attributes[gathered.Field.Name] = value;
                }
                else
                {
                    attributes.Remove(gathered.Field.Name);
                }
            }

            return new RowValues(id, attributes, references, errors);
        }

        /// <summary>A cell of a scalar or list shape: false when it sends nothing (empty, or wrong: then an error is added).</summary>
        private static bool Scalar(string header, object? cell, FieldShape shape, string delimiter, bool clearEmpty, List<string> errors, out object? value)
        {
            value = null;
            if (CellConverter.IsEmpty(cell))
            {
                value = shape.IsList ? new object[0] : null;
                return clearEmpty;
            }

            if (!shape.IsList)
            {
                return Convert(header, cell, shape, errors, out value);
            }

            // A list cell is text; an xlsx or JSON cell holding one number or date is a list of one.
            var items = cell is string text ? CellList.Split(text, delimiter).Cast<object?>().ToList() : new List<object?> { cell };
            var values = new List<object?>();
            var valid = true;
            foreach (var item in items)
            {
                valid &= Convert(header, item, shape, errors, out var converted);
                values.Add(converted);
            }

            value = values.ToArray();
            return valid;
        }

        private static bool Convert(string header, object? cell, FieldShape shape, List<string> errors, out object? value)
        {
            if (CellConverter.TryConvert(cell, shape, out value, out var expected))
            {
                return true;
            }

            errors.Add($"column '{header}': '{CellConverter.Text(cell)}' is not {expected}");
            return false;
        }

        /// <summary>The cells of one object field's columns in a row, and how they become its value.</summary>
        private sealed class ObjectCells
        {
            public ObjectCells(FieldShape field)
            {
                Field = field;
            }

            public FieldShape Field { get; }

            public List<KeyValuePair<SheetColumn, KeyValuePair<string, object?>>> Cells { get; } = new List<KeyValuePair<SheetColumn, KeyValuePair<string, object?>>>();

            /// <summary>The field's value: an ordered dictionary (object[] of them for a multi-value field); false when it sends nothing.</summary>
            public bool Make(string delimiter, bool clearEmpty, List<string> errors, out object? value)
            {
                value = null;
                if (Cells.All(c => CellConverter.IsEmpty(c.Value.Value)))
                {
                    value = Field.IsList ? new object[0] : null;
                    return clearEmpty;
                }

                // By property, the value of each item: one for a single field, one per list item for a multi-value one.
                var items = new List<OrderedDictionary>();
                var valid = true;
                foreach (var cell in Cells)
                {
                    var header = cell.Value.Key;
                    var property = cell.Key.Property;
                    if (property == null && !Field.IsFormattedText && Field.Properties.Count > 0)
                    {
                        var dotted = string.Join(", ", Field.Properties.Where(p => !p.IsReadOnly).Select(p => Field.Name + "." + p.Name));
                        errors.Add($"column '{header}': {Field.Name} is made of several values; use the columns {dotted} instead");
                        valid = false;
                        continue;
                    }

                    var shape = property ?? PlainValue;
                    var parts = Parts(cell.Value.Value, delimiter);
                    for (var i = 0; i < parts.Count; i++)
                    {
                        while (items.Count <= i)
                        {
                            items.Add(new OrderedDictionary());
                        }

                        if (CellConverter.IsEmpty(parts[i]))
                        {
                            if (clearEmpty)
                            {
                                items[i][shape.Name] = null;
                            }

                            continue;
                        }

                        if (Convert(header, parts[i], shape, errors, out var converted))
                        {
                            items[i][shape.Name] = converted;
                        }
                        else
                        {
                            valid = false;
                        }
                    }
                }

                if (!valid)
                {
                    return false;
                }

                var made = items.Select(Ordered).ToList();
                value = Field.IsList ? made.Cast<object>().ToArray() : (object?)made.FirstOrDefault();
                return true;
            }

            /// <summary>The values of a cell: the list items of a multi-value field, else the cell itself.</summary>
            private IReadOnlyList<object?> Parts(object? cell, string delimiter) =>
                Field.IsList && cell is string text ? CellList.Split(text, delimiter).Cast<object?>().ToList() : new[] { cell };

            /// <summary>The properties in the order the site writes them (those it never wrote after), a formatted text's format filled in.</summary>
            private OrderedDictionary Ordered(OrderedDictionary given)
            {
                var ordered = new OrderedDictionary();
                foreach (var name in Field.Properties.Select(p => p.Name).Where(given.Contains))
                {
                    ordered[name] = given[name];
                }

                foreach (string name in given.Keys)
                {
                    if (!ordered.Contains(name))
                    {
                        ordered[name] = given[name];
                    }
                }

                if (Field.IsFormattedText && Field.TextFormat != null && ordered[ValueProperty] != null && ordered[FormatProperty] == null)
                {
                    ordered[FormatProperty] = Field.TextFormat;
                }

                return ordered;
            }
        }
    }
}
