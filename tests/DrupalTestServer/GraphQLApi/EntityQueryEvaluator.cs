using System.Globalization;
using System.Text.RegularExpressions;
using DrupalTestServer.Site;
using GraphQL;

namespace DrupalTestServer.GraphQLApi;

/// <summary>Runs an entity query's filter and sort over the nodes, comparing like the database would.</summary>
public static class EntityQueryEvaluator
{
    private static readonly Comparer<string> ValueComparer = Comparer<string>.Create(CompareValues);

    public static IReadOnlyList<ContentNode> Run(IEnumerable<ContentNode> nodes, EntityQueryFilter? filter, IReadOnlyList<EntityQuerySort>? sorts)
    {
        var matching = filter is null ? nodes : nodes.Where(node => Matches(node, filter));
        // A stable ordering that changes nothing, so that every sort key below can be a ThenBy.
        var ordered = matching.OrderBy(_ => 0);
        foreach (var sort in sorts ?? [])
        {
            ordered = sort.Direction == SortOrder.Asc
                ? ordered.ThenBy(node => FieldValue(node, sort.Field), ValueComparer)
                : ordered.ThenByDescending(node => FieldValue(node, sort.Field), ValueComparer);
        }
        return ordered.ThenBy(node => node.Nid).ToArray();
    }

    private static bool Matches(ContentNode node, EntityQueryFilter filter)
    {
        var outcomes = (filter.Conditions ?? [])
            .Where(condition => condition.Enabled != false)
            .Select(condition => Matches(node, condition))
            .Concat((filter.Groups ?? []).Select(group => Matches(node, group)))
            .ToArray();
        // An empty group does not restrict the query, whatever its conjunction.
        return outcomes.Length == 0
            || (filter.Conjunction == QueryConjunction.Or ? outcomes.Any(o => o) : outcomes.All(o => o));
    }

    private static bool Matches(ContentNode node, EntityQueryCondition condition)
    {
        var actual = FieldValue(node, condition.Field);
        var values = (condition.Value ?? []).OfType<string>().ToArray();
        var first = values.FirstOrDefault() ?? "";
        return condition.Operator switch
        {
            QueryOperator.Equal or QueryOperator.In => values.Any(v => CompareValues(actual, v) == 0),
            QueryOperator.NotEqual or QueryOperator.NotIn => !values.Any(v => CompareValues(actual, v) == 0),
            QueryOperator.SmallerThan => CompareValues(actual, first) < 0,
            QueryOperator.GreaterThan => CompareValues(actual, first) > 0,
            QueryOperator.Like => Regex.IsMatch(actual, "^" + Regex.Escape(first).Replace("%", ".*").Replace("_", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.Singleline),
            _ => throw new ExecutionError($"Operator {condition.Operator} is not supported."),
        };
    }

    /// <exception cref="ExecutionError">The field does not exist, as Drupal's entity query reports it.</exception>
    private static string FieldValue(ContentNode node, string field) => field switch
    {
        "nid" => node.Nid.ToString(CultureInfo.InvariantCulture),
        "uuid" => node.Uuid,
        "type" => node.Bundle,
        "title" => node.Title,
        "status" => node.Status ? "1" : "0",
        "created" or "changed" => node.Created.ToString(CultureInfo.InvariantCulture),
        "uid" => node.AuthorUid.ToString(CultureInfo.InvariantCulture),
        "langcode" => "en",
        _ => throw new ExecutionError($"'{field}' not found"),
    };

    /// <summary>Numbers compare as numbers, text case-insensitively as in MySQL's default collation.</summary>
    private static int CompareValues(string left, string right) =>
        long.TryParse(left, CultureInfo.InvariantCulture, out var l) && long.TryParse(right, CultureInfo.InvariantCulture, out var r)
            ? l.CompareTo(r)
            : string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
}
