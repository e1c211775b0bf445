using System;
using System.Globalization;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// What every sheet writer does with a cell before its format's own rules: only the types
    /// <see cref="SheetWriter.Write"/> names are taken (anything else is a defect of the caller, which would otherwise
    /// reach the file as a type name such as System.Object[]), a number that is no number (NaN, infinity) is an empty
    /// cell, and dates are written one way, ISO 8601 to the second with the offset (Drupal's own form).
    /// </summary>
    internal static class SheetCells
    {
        private const string DateFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

        /// <summary>The cell as one of string, bool, long, double, decimal, DateTimeOffset (a DateTime in UTC), or null.</summary>
        public static object? Normalize(object? value)
        {
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case long _:
                case decimal _:
                case DateTimeOffset _:
                    return value;
                case int number:
                    return (long)number;
                case double real:
                    return double.IsNaN(real) || double.IsInfinity(real) ? null : (object)real;
                case DateTime date:
                    return Utc(date);
                default:
                    throw new ArgumentException($"A sheet cell cannot hold a {value.GetType().FullName}; convert it to text, a number, a boolean or a date first.", nameof(value));
            }
        }

        /// <summary>A normalized cell as text in the invariant culture (booleans TRUE/FALSE, as Excel writes them); null for null.</summary>
        public static string? Text(object? cell)
        {
            switch (cell)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case bool flag:
                    return flag ? "TRUE" : "FALSE";
                case double real:
                    return real.ToString("R", CultureInfo.InvariantCulture);
                case DateTimeOffset date:
                    return Date(date);
                default:
                    return Convert.ToString(cell, CultureInfo.InvariantCulture);
            }
        }

        public static string Date(DateTimeOffset date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

        // A DateTime of unknown kind is taken as UTC, which is what the engine's dates are; a local one is converted.
        private static DateTimeOffset Utc(DateTime date) =>
            new DateTimeOffset(date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : DateTime.SpecifyKind(date, DateTimeKind.Utc));
    }
}
