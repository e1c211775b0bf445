using System.Globalization;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// Compares field values with filter values as the database would: numbers (and booleans and timestamps, stored as
/// integers) as numbers, text like MySQL's default collation, ignoring case and accents.
/// </summary>
public static class ValueComparer
{
    private const CompareOptions TextOptions = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    private static readonly CompareInfo Collation = CultureInfo.InvariantCulture.CompareInfo;

    /// <summary>An ordering of field values for sorts: nulls first, as MySQL sorts them ascending.</summary>
    public static IComparer<object?> Ordering { get; } = Comparer<object?>.Create(CompareFieldValues);

    public static int Compare(object actual, string wanted) =>
        actual is string text ? Collation.Compare(text, wanted, TextOptions) : NumberOf(actual).CompareTo(ParseNumber(wanted));

    public static bool StartsWith(object actual, string wanted) => Collation.IsPrefix(TextOf(actual), wanted, TextOptions);

    public static bool Contains(object actual, string wanted) => Collation.IndexOf(TextOf(actual), wanted, TextOptions) >= 0;

    public static bool EndsWith(object actual, string wanted) => Collation.IsSuffix(TextOf(actual), wanted, TextOptions);

    private static int CompareFieldValues(object? left, object? right) => (left, right) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string l, string r) => Collation.Compare(l, r, TextOptions),
        (string, _) or (_, string) => Collation.Compare(TextOf(left), TextOf(right), TextOptions),
        _ => NumberOf(left).CompareTo(NumberOf(right)),
    };

    private static decimal NumberOf(object value) => value switch
    {
        bool flag => flag ? 1 : 0,
        Timestamp time => time.Seconds,
        long number => number,
        double number when number is > -1e15 and < 1e15 => (decimal)number,
        _ => ParseNumber(TextOf(value)),
    };

    /// <summary>How the database stores the value, which LIKE compares as text.</summary>
    private static string TextOf(object value) => value switch
    {
        bool flag => flag ? "1" : "0",
        Timestamp time => time.Seconds.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// "true" and "false" as 1 and 0, so that <c>filter[status]=true</c> works; otherwise MySQL's cast of a
    /// string to a number: its leading number, or 0 (so "2023-11-15" is 2023).
    /// </summary>
    private static decimal ParseNumber(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
            return 1;
        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
            return 0;
        var length = 0;
        while (length < trimmed.Length && (char.IsAsciiDigit(trimmed[length]) || (length == 0 && trimmed[0] is '-' or '+')
            || (trimmed[length] == '.' && !trimmed[..length].Contains('.'))))
            length++;
        return decimal.TryParse(trimmed.AsSpan(0, length), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }
}
