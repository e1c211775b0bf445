using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One entity, as Get-DrupalEntity writes it (a flat object: attributes, relationships as ids, or included
    /// objects), to the cells of an export's columns: plain values a spreadsheet shows as they are (string, bool,
    /// long, double, DateTimeOffset for timestamps, null), an object field's property per dotted column, a list
    /// joined by <see cref="CellList"/>, a relationship as its items' labels or ids.
    /// </summary>
    internal static class RowFlattener
    {
        private const string IdProperty = "id";
        private const string TypeProperty = "type";

        /// <param name="labelOf">The label of a related id; null for ids (-ReferenceBy Id). An included object's own label is used first; an id without a label is written as the id.</param>
        public static object?[] Flatten(PSObject entity, IReadOnlyList<SheetColumn> columns, Func<string, string?>? labelOf, string delimiter)
        {
            var cells = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                if (column.Field == null)
                {
                    cells[i] = PowerShellValue.Member(entity, IdProperty) is object id ? CellConverter.Text(id) : null;
                    continue;
                }

                var value = PowerShellValue.Member(entity, column.Field.Name);
                if (column.Field.Kind == FieldKind.Reference)
                {
                    cells[i] = References(value, labelOf, delimiter);
                }
                else if (column.Property != null)
                {
                    cells[i] = Property(value, column.Property, delimiter);
                }
                else
                {
                    cells[i] = Cell(value, column.Field, delimiter);
                }
            }

            return cells;
        }

        /// <summary>The related ids in the entity's relationship columns, with the column's field, for one batched label lookup per page.</summary>
        public static IEnumerable<KeyValuePair<FieldShape, string>> RelatedIds(PSObject entity, IReadOnlyList<SheetColumn> columns)
        {
            foreach (var field in columns.Where(c => c.Field?.Kind == FieldKind.Reference).Select(c => c.Field!))
            {
                foreach (var item in Items(PowerShellValue.Member(entity, field.Name)))
                {
                    if (Id(item) is string id && OwnLabel(item) == null)
                    {
                        yield return new KeyValuePair<FieldShape, string>(field, id);
                    }
                }
            }
        }

        /// <summary>A relationship's cell: one label or id, or a list of them; null when empty.</summary>
        private static object? References(object? value, Func<string, string?>? labelOf, string delimiter)
        {
            var names = new List<string>();
            foreach (var item in Items(value))
            {
                if (Id(item) is string id)
                {
                    names.Add(labelOf == null ? id : OwnLabel(item) ?? labelOf(id) ?? id);
                }
            }

            if (names.Count == 0)
            {
                return null;
            }

            return PowerShellValue.Unwrap(value) is object[] ? CellList.Join(names, delimiter) : names[0];
        }

        /// <summary>A dotted column's cell: the property of the object, or of each item of a multi-value object field, joined.</summary>
        private static object? Property(object? value, FieldShape property, string delimiter)
        {
            if (PowerShellValue.Unwrap(value) is object[] items)
            {
                // Empty items keep their places (the import pairs the dotted columns item by item), unless all are empty.
                var texts = items.Select(item => CellConverter.Text(Cell(PowerShellValue.Member(item, property.Name), property, delimiter))).ToList();
                return texts.All(text => text.Length == 0) ? null : CellList.Join(texts, delimiter);
            }

            return Cell(PowerShellValue.Member(value, property.Name), property, delimiter);
        }

        /// <summary>A value as a spreadsheet shows it: timestamps as DateTimeOffset (their offset kept), lists joined, the rest as JSON gave it.</summary>
        private static object? Cell(object? value, FieldShape shape, string delimiter)
        {
            switch (PowerShellValue.Unwrap(value))
            {
                case null:
                    return null;
                case object[] items:
                    return items.Length == 0 ? null : CellList.Join(items.Select(item => CellConverter.Text(Scalar(item, shape))), delimiter);
                case PSObject objectValue:
                    // An object field whose properties were never seen: its value, if it has one.
                    return PowerShellValue.Member(objectValue, "value") is object inner ? Scalar(inner, shape) : null;
                case object scalar:
                    return Scalar(scalar, shape);
            }
        }

        private static object? Scalar(object? value, FieldShape shape)
        {
            var given = PowerShellValue.Unwrap(value);
            return shape.Kind == FieldKind.Timestamp && given is string text && CellConverter.Instant(text) is DateTimeOffset instant && !IsUnixSeconds(text)
                ? instant
                : given;
        }

        /// <summary>Drupal writes timestamps as ISO 8601; a number is kept as the number it is.</summary>
        private static bool IsUnixSeconds(string text) => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

        private static IEnumerable<object?> Items(object? value)
        {
            switch (PowerShellValue.Unwrap(value))
            {
                case null:
                    return Array.Empty<object?>();
                case object[] items:
                    return items;
                case object item:
                    return new[] { item };
            }
        }

        /// <summary>A related item's id: a bare id, or an included object's (or a stub's) id.</summary>
        private static string? Id(object? item)
        {
            var value = PowerShellValue.Unwrap(item);
            if (value is string id)
            {
                return id.Length == 0 ? null : id;
            }

            return PowerShellValue.Member(value, IdProperty) is object member ? CellConverter.Text(member) : null;
        }

        /// <summary>An included object's label: its type's label field, else a label-only user's display name.</summary>
        private static string? OwnLabel(object? item)
        {
            if (!(PowerShellValue.Unwrap(item) is PSObject included))
            {
                return null;
            }

            var type = PowerShellValue.Member(included, TypeProperty) as string;
            var label = type == null ? null : PowerShellValue.Member(included, LabelField.For(type));
            label ??= PowerShellValue.Member(included, LabelField.DisplayName);
            return label == null ? null : CellConverter.Text(label);
        }
    }
}
