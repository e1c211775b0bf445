using System;
using System.Globalization;
using DrupalOAuth.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One cell to the JSON value its field takes. Cells come as a CSV gives them (text), as an xlsx gives them
    /// (text, double, bool, DateTime) or as JSON or the pipeline gives them (string, long, int, double, decimal, bool,
    /// DateTime, DateTimeOffset). JSON-ready values are string, long, double, bool or null.
    /// </summary>
    internal static class CellConverter
    {
        public const string ExpectedBoolean = "true or false (also 1 or 0, yes or no)";
        public const string ExpectedInteger = "a whole number such as 7";
        public const string ExpectedNumber = "a number such as 7.5 (with a dot)";
        public const string ExpectedTimestamp = "a date and time such as 2024-01-02T03:04:05+00:00, or a date such as 2024-01-02";
        public const string ExpectedDate = "a date such as 2024-01-02";

        /// <summary>How Drupal takes a timestamp, in UTC ("+00:00").</summary>
        private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:sszzz";
        private const string DateFormat = "yyyy-MM-dd";

        /// <summary>ISO 8601 as people and programs write it: a date, a date and time (a space for the T too), seconds and fractions optional, an offset optional (Z, +01:00, +0100).</summary>
        private static readonly string[] DateTimeForms =
        {
            "yyyy-MM-dd",
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mmzz00", "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz00",
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        };

        /// <summary>Null, DBNull, an empty or all-space string: the cell sends nothing (with -ClearEmpty it empties the field).</summary>
        public static bool IsEmpty(object? cell)
        {
            var value = PowerShellValue.Unwrap(cell);
            return value == null || value is DBNull || (value is string text && text.Trim().Length == 0);
        }

        /// <summary>
        /// A non-empty cell for a scalar shape (Boolean, Integer, Number, Text, Timestamp, Date, Unknown): the JSON-ready
        /// value, or false with <paramref name="expected"/> saying which forms the kind takes ("true or false, 1 or 0, yes or no").
        /// Booleans: true/false in any case, 1/0, yes/no, y/n and bool; Drupal takes true/false. Integers: an integral
        /// number or invariant text ("7"; not "7.5"). Numbers: invariant text or a number. Timestamps: ISO 8601 with or
        /// without an offset (UTC when none), a date alone (midnight UTC), a DateTime (UTC when unspecified) or a number
        /// of Unix seconds; always written as yyyy-MM-ddTHH:mm:ss+00:00. Dates: yyyy-MM-dd (or the text as it is when
        /// the field holds a time too). Text and Unknown: the cell's invariant text (an integral double without ".0").
        /// </summary>
        public static bool TryConvert(object? cell, FieldShape shape, out object? value, out string? expected)
        {
            var given = PowerShellValue.Unwrap(cell);
            expected = null;
            switch (shape.Kind)
            {
                case FieldKind.Boolean:
                    value = Boolean(given);
                    expected = value == null ? ExpectedBoolean : null;
                    break;
                case FieldKind.Integer:
                    value = Integer(given);
                    expected = value == null ? ExpectedInteger : null;
                    break;
                case FieldKind.Number:
                    value = Number(given);
                    expected = value == null ? ExpectedNumber : null;
                    break;
                case FieldKind.Timestamp:
                    value = Instant(given) is DateTimeOffset instant ? FormatTimestamp(instant) : null;
                    expected = value == null ? ExpectedTimestamp : null;
                    break;
                case FieldKind.Date:
                    value = Date(given);
                    expected = value == null ? ExpectedDate : null;
                    break;
                default:
                    value = Text(given);
                    break;
            }

            return expected == null;
        }

        /// <summary>A cell's text in the invariant culture (DateTime as ISO 8601, bool as true/false, 7.0 as 7).</summary>
        public static string Text(object? cell)
        {
            switch (PowerShellValue.Unwrap(cell))
            {
                case null:
                case DBNull _:
                    return string.Empty;
                case string text:
                    return text;
                case bool flag:
                    return flag ? "true" : "false";
                case double number:
                    return Floating(number);
                case float number:
                    return Floating(number);
                case decimal number:
                    return number.ToString("G29", CultureInfo.InvariantCulture);
                case DateTime date:
                    return date.TimeOfDay == TimeSpan.Zero && date.Kind != DateTimeKind.Local
                        ? date.ToString(DateFormat, CultureInfo.InvariantCulture)
                        : FormatTimestamp(AsInstant(date));
                case DateTimeOffset instant:
                    return instant.ToString(TimestampFormat, CultureInfo.InvariantCulture);
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                case object other:
                    return other.ToString() ?? string.Empty;
            }
        }

        /// <summary>An instant from a timestamp cell or value: ISO 8601 text (UTC when it has no offset), a DateTime, a DateTimeOffset, or Unix seconds.</summary>
        public static DateTimeOffset? Instant(object? cell)
        {
            switch (PowerShellValue.Unwrap(cell))
            {
                case DateTimeOffset instant:
                    return instant;
                case DateTime date:
                    return AsInstant(date);
                case string text:
                    var trimmed = text.Trim();
                    if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                    {
                        return UnixSeconds(seconds);
                    }

                    return DateTimeOffset.TryParseExact(trimmed, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
                case bool _:
                    return null;
                case object number when Integral(number) is long whole:
                    return UnixSeconds(whole);
                default:
                    return null;
            }
        }

        public static string FormatTimestamp(DateTimeOffset instant) =>
            instant.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture);

        private static object? Boolean(object? given)
        {
            switch (given)
            {
                case bool flag:
                    return flag;
                case string text:
                    switch (text.Trim().ToLowerInvariant())
                    {
                        case "true":
                        case "1":
                        case "yes":
                        case "y":
                            return true;
                        case "false":
                        case "0":
                        case "no":
                        case "n":
                            return false;
                        default:
                            return null;
                    }

                default:
                    var whole = Integral(given);
                    return whole == 1 ? true : whole == 0 ? (object)false : null;
            }
        }

        private static object? Integer(object? given)
        {
            if (given is string text)
            {
                var trimmed = text.Trim();
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                // "7.0" and "7e3" are whole numbers too; "7.5" is not.
                return decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Integral(number) : null;
            }

            return Integral(given);
        }

        private static object? Number(object? given)
        {
            switch (given)
            {
                case string text:
                    return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && IsFinite(parsed) ? parsed : (object?)null;
                case bool _:
                    return null;
                case double number:
                    return IsFinite(number) ? number : (object?)null;
                case float number:
                    return IsFinite(number) ? (double)number : (object?)null;
                case decimal number:
                    return (double)number;
                default:
                    return Integral(given) is long whole ? (double)whole : (object?)null;
            }
        }

        private static object? Date(object? given)
        {
            switch (given)
            {
                case DateTime date:
                    return date.TimeOfDay == TimeSpan.Zero
                        ? date.ToString(DateFormat, CultureInfo.InvariantCulture)
                        : date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                case DateTimeOffset instant:
                    return instant.TimeOfDay == TimeSpan.Zero
                        ? instant.ToString(DateFormat, CultureInfo.InvariantCulture)
                        : instant.ToString(TimestampFormat, CultureInfo.InvariantCulture);
                case string text:
                    // The text as it is: a date-only field takes yyyy-MM-dd, and a field that holds a time its own form.
                    var trimmed = text.Trim();
                    return DateTimeOffset.TryParseExact(trimmed, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? trimmed : null;
                default:
                    return null;
            }
        }

        /// <summary>A number that is whole (7, 7.0), as a long; null for anything else, text and booleans included.</summary>
        private static long? Integral(object? given)
        {
            switch (given)
            {
                case long number:
                    return number;
                case int number:
                    return number;
                case short number:
                    return number;
                case byte number:
                    return number;
                case sbyte number:
                    return number;
                case ushort number:
                    return number;
                case uint number:
                    return number;
                case ulong number:
                    return number <= long.MaxValue ? (long)number : (long?)null;
                case double number:
                    return IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 9.2e18 ? (long)number : (long?)null;
                case float number:
                    return Integral((double)number);
                case decimal number:
                    return decimal.Truncate(number) == number && number >= long.MinValue && number <= long.MaxValue ? (long)number : (long?)null;
                default:
                    return null;
            }
        }

        private static string Floating(double number) =>
            Integral(number) is long whole ? whole.ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// A DateTime at its instant (UTC unless it says it is local), to the nearest second: an xlsx date is a
        /// fraction of a day, and 03:04:05 may come back as 03:04:04.9999, which Drupal's whole seconds would cut to 04.
        /// </summary>
        private static DateTimeOffset AsInstant(DateTime date)
        {
            var ticks = Math.Min(date.Ticks + (TimeSpan.TicksPerSecond / 2), DateTime.MaxValue.Ticks);
            var rounded = new DateTime(ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, date.Kind);
            return rounded.Kind == DateTimeKind.Local ? new DateTimeOffset(rounded) : new DateTimeOffset(DateTime.SpecifyKind(rounded, DateTimeKind.Utc));
        }

        private static DateTimeOffset? UnixSeconds(long seconds) =>
            seconds >= -62135596800L && seconds <= 253402300799L ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;

        private static bool IsFinite(double number) => !double.IsNaN(number) && !double.IsInfinity(number);
    }
}
