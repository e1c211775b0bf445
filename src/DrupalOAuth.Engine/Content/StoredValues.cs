using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Values between JSON:API's form and the stored form core's exporter writes. JSON:API gives date and time values
    /// as RFC 3339 with the site's offset (DateTimeIso8601Normalizer, TimestampNormalizer); datetime fields store
    /// <c>2024-01-02T03:04:05</c> in UTC (date-only ones <c>2024-01-02</c>, which JSON:API gives as is) and timestamp
    /// fields Unix seconds. A resource does not say which field type a value comes from, so every RFC 3339 value is
    /// taken as a datetime, except the timestamps this mapper knows by name (a user's access and login).
    /// </summary>
    internal static class StoredValues
    {
        private const string StorageFormat = "yyyy-MM-dd'T'HH:mm:ss";

        private static readonly Regex Rfc3339 = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);

        private static readonly Regex Storage = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", RegexOptions.CultureInvariant);

        /// <summary>A scalar read from JSON (by the engine's reader) as stored: strings, booleans, longs and doubles as they are; an RFC 3339 value as a UTC datetime (or Unix seconds).</summary>
        public static object? FromJson(object? value, bool timestamp)
        {
            switch (value)
            {
                case string text when Rfc3339.IsMatch(text):
                    var moment = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
                    return timestamp ? moment.ToUnixTimeSeconds() : (object)moment.UtcDateTime.ToString(StorageFormat, CultureInfo.InvariantCulture);
                case decimal number:
                    // An integer beyond a long (the engine's JSON reader gives those as decimal): kept exact, as text,
                    // which Drupal's integer and decimal fields also take.
                    return number.ToString(CultureInfo.InvariantCulture);
                default:
                    return value;
            }
        }

        /// <summary>A stored value as JSON:API takes it: a stored datetime with its UTC offset, anything else as it is.</summary>
        public static object? ToJson(object? value) =>
            value is string text && Storage.IsMatch(text) ? text + "+00:00" : value;

        /// <summary>Whether two values of the format are the same: scalars by value (a long equals a double of the same value), maps and lists item by item, in order.</summary>
        public static bool Same(object? a, object? b)
        {
            switch (a)
            {
                case null:
                    return b == null;
                case ContentMap map:
                    return b is ContentMap other && map.Count == other.Count && map.All(p => other.TryGetValue(p.Key, out var v) && Same(p.Value, v));
                case IList list when !(a is string):
                    return b is IList otherList && !(b is string) && list.Count == otherList.Count && Enumerable.Range(0, list.Count).All(i => Same(list[i], otherList[i]));
                case long number when b is double d:
                    return number == d;
                case double number when b is long l:
                    return number == l;
                default:
                    return a.Equals(b);
            }
        }
    }
}
