using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Whether a converted value is what the entity already holds, so that an update sends only what differs:
    /// numbers by value, timestamps by instant, text with \r\n as \n, an object by the properties given (a null and an
    /// empty summary alike), lists item by item, relationships by their ids in order. The entity's value is as
    /// Get-DrupalEntity's flat object holds it (Json/JsonValueReader: PSObject for an object, object[] for a list,
    /// long, decimal, double, bool, string or null).
    /// </summary>
    internal static class SheetValues
    {
        private static readonly FieldShape UnknownShape = new FieldShape(string.Empty, FieldKind.Unknown);

        public static bool Same(object? wanted, object? current, FieldShape shape) =>
            Same(PowerShellValue.Unwrap(wanted), PowerShellValue.Unwrap(current), shape, inObject: false);

        /// <param name="current">The relationship on the flat object: an id, an included object (its id counts), an array of these, or null.</param>
        public static bool SameReferences(IReadOnlyList<string> ids, object? current)
        {
            var held = Items(PowerShellValue.Unwrap(current)).Select(Id).ToList();
            return held.Count == ids.Count && held.Zip(ids, (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase)).All(same => same);
        }

        private static bool Same(object? wanted, object? current, FieldShape shape, bool inObject)
        {
            if (IsNothing(wanted, inObject))
            {
                return IsNothing(current, inObject) || (current is object[] none && none.Length == 0);
            }

            switch (wanted)
            {
                case object[] items:
                    var held = current is object[] list ? list : current == null ? new object[0] : new[] { current };
                    return held.Length == items.Length && items.Zip(held, (w, c) => Same(PowerShellValue.Unwrap(w), PowerShellValue.Unwrap(c), shape, inObject)).All(same => same);
                case IDictionary properties:
                    return SameObject(properties, current, shape);
                default:
                    return wanted != null && current != null && SameScalar(wanted, current, shape.Kind);
            }
        }

        /// <summary>Only the properties given count: a sheet without body.summary leaves the summary as it is.</summary>
        private static bool SameObject(IDictionary wanted, object? current, FieldShape shape)
        {
            if (current == null || !PowerShellValue.IsObject(current))
            {
                return false;
            }

            foreach (DictionaryEntry entry in wanted)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var property = shape.Property(name) ?? UnknownShape;
                if (!Same(PowerShellValue.Unwrap(entry.Value), PowerShellValue.Unwrap(PowerShellValue.Member(current, name)), property, inObject: true))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameScalar(object wanted, object current, FieldKind kind)
        {
            if (kind == FieldKind.Timestamp && CellConverter.Instant(wanted) is DateTimeOffset a && CellConverter.Instant(current) is DateTimeOffset b)
            {
                // Drupal keeps whole seconds.
                return a.ToUnixTimeSeconds() == b.ToUnixTimeSeconds();
            }

            if (wanted is bool || current is bool)
            {
                return Equals(wanted, current);
            }

            if (Number(wanted) is decimal x && Number(current) is decimal y && !(wanted is string && current is string))
            {
                return x == y;
            }

            return string.Equals(Lines(CellConverter.Text(wanted)), Lines(CellConverter.Text(current)), StringComparison.Ordinal);
        }

        /// <summary>A number, or number text when the other side is a number (a decimal field is text in JSON:API).</summary>
        private static decimal? Number(object value)
        {
            switch (value)
            {
                case long number:
                    return number;
                case int number:
                    return number;
                case decimal number:
                    return number;
                case double number when !double.IsNaN(number) && !double.IsInfinity(number) && Math.Abs(number) < 7.9e28:
                    return (decimal)number;
                case string text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
                default:
                    return null;
            }
        }

        /// <summary>Null; inside an object (a summary, an alias), an empty text too.</summary>
        private static bool IsNothing(object? value, bool inObject) =>
            value == null || (inObject && value is string text && text.Length == 0);

        private static string Lines(string text) => text.Replace("\r\n", "\n");

        private static IEnumerable<object?> Items(object? value)
        {
            switch (value)
            {
                case null:
                    return Array.Empty<object?>();
                case object[] items:
                    return items;
                default:
                    return new[] { value };
            }
        }

        private static string? Id(object? item)
        {
            var value = PowerShellValue.Unwrap(item);
            return value is PSObject ? PowerShellValue.Member(value, "id") as string : value as string;
        }
    }
}
