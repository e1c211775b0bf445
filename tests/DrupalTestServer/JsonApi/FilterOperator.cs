namespace DrupalTestServer.JsonApi;

/// <summary>EntityCondition::$allowedOperators, and how many values each takes.</summary>
public static class FilterOperator
{
    public const string IsNull = "IS NULL";
    public const string IsNotNull = "IS NOT NULL";

    public static IReadOnlyList<string> All { get; } =
    [
        "=", "<>", ">", ">=", "<", "<=", "STARTS_WITH", "CONTAINS", "ENDS_WITH", "IN", "NOT IN", "BETWEEN", "NOT BETWEEN", IsNull, IsNotNull,
    ];

    public static bool TakesNoValue(string op) => op is IsNull or IsNotNull;

    public static bool TakesList(string op) => op is "IN" or "NOT IN" or "BETWEEN" or "NOT BETWEEN";

    public static bool TakesTwo(string op) => op is "BETWEEN" or "NOT BETWEEN";

    /// <summary>Whether one (non-null) value of the field satisfies the condition.</summary>
    public static bool Matches(string op, object actual, IReadOnlyList<string> values) => op switch
    {
        "=" => ValueComparer.Compare(actual, values[0]) == 0,
        "<>" => ValueComparer.Compare(actual, values[0]) != 0,
        ">" => ValueComparer.Compare(actual, values[0]) > 0,
        ">=" => ValueComparer.Compare(actual, values[0]) >= 0,
        "<" => ValueComparer.Compare(actual, values[0]) < 0,
        "<=" => ValueComparer.Compare(actual, values[0]) <= 0,
        "STARTS_WITH" => ValueComparer.StartsWith(actual, values[0]),
        "CONTAINS" => ValueComparer.Contains(actual, values[0]),
        "ENDS_WITH" => ValueComparer.EndsWith(actual, values[0]),
        "IN" => values.Any(value => ValueComparer.Compare(actual, value) == 0),
        "NOT IN" => values.All(value => ValueComparer.Compare(actual, value) != 0),
        "BETWEEN" => ValueComparer.Compare(actual, values[0]) >= 0 && ValueComparer.Compare(actual, values[1]) <= 0,
        "NOT BETWEEN" => ValueComparer.Compare(actual, values[0]) < 0 || ValueComparer.Compare(actual, values[1]) > 0,
        _ => throw new InvalidOperationException($"Unchecked operator '{op}'."),
    };
}
