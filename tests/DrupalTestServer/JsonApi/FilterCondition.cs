using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// One condition of a filter. Like SQL over joined rows: it holds when one value the path reaches satisfies it;
/// a missing value (NULL) satisfies only IS NULL, which holds when the path reaches no value at all.
/// </summary>
/// <param name="values">Null when the filter gave no value (a comparison with NULL, true for no row).</param>
public sealed class FilterCondition(FieldPath path, string op, IReadOnlyList<string>? values) : IFilterMember
{
    public bool Matches(EntityRow row, ContentSnapshot content, FilterGuard guard)
    {
        var reached = path.Values(row, content, guard).Where(value => value is not null);
        return op switch
        {
            FilterOperator.IsNull => !reached.Any(),
            FilterOperator.IsNotNull => reached.Any(),
            _ => values is not null && reached.Any(value => FilterOperator.Matches(op, value!, values)),
        };
    }
}
