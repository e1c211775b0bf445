using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// One condition of a filter. Like SQL over joined rows: it holds when one value the path reaches satisfies it;
/// a missing value (NULL) satisfies only IS NULL, which holds when the path reaches no value at all.
/// </summary>
/// <param name="values">Null when the filter gave no value (a comparison with NULL, true for no row).</param>
public sealed class FilterCondition(FieldPath path, string op, IReadOnlyList<string>? values) : IFilterMember
{
    /// <summary>
    /// The values of an IN or NOT IN, so that a text is looked up at once (an IN of 50 keys over 20,000 articles):
    /// ASCII texts that differ beyond case differ for the collation too; others are compared one by one.
    /// </summary>
    private readonly HashSet<string>? textSet = op is "IN" or "NOT IN" && values is not null ? new(values, StringComparer.OrdinalIgnoreCase) : null;

    private readonly bool asciiValues = values?.All(value => System.Text.Ascii.IsValid(value)) == true;

    public bool Matches(EntityRow row, ContentSnapshot content, FilterGuard guard)
    {
        var reached = path.Values(row, content, guard).Where(value => value is not null);
        return op switch
        {
            FilterOperator.IsNull => !reached.Any(),
            FilterOperator.IsNotNull => reached.Any(),
            _ when textSet is not null => reached.Any(value => value is string text
                ? InSet(text) == (op == "IN")
                : FilterOperator.Matches(op, value!, values!)),
            _ => values is not null && reached.Any(value => FilterOperator.Matches(op, value!, values)),
        };
    }

    private bool InSet(string text) =>
        textSet!.Contains(text) || (!(asciiValues && System.Text.Ascii.IsValid(text)) && values!.Any(value => ValueComparer.Compare(text, value) == 0));
}
