using DrupalTestServer.OAuth;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// The <c>filter</c> parameter as Drupal's Filter and EntityCondition read it: the short form <c>filter[title]=x</c>
/// and <c>filter[title][value]=x&amp;filter[title][operator]=CONTAINS</c>, the long form with <c>[condition][path|operator|value]</c>,
/// lists as <c>[value][]=</c>, and groups (<c>[group][conjunction]</c>) that conditions and groups join with <c>memberOf</c>.
/// Every path is resolved first, then the tree is built from the root, each condition checked as it is reached.
/// </summary>
public static class FilterParser
{
    private const string RootId = "@root";
    private const string Condition = "condition";
    private const string Group = "group";
    private const string MemberOf = "memberOf";
    private const string PathKey = "path";
    private const string ValueKey = "value";
    private const string OperatorKey = "operator";

    /// <summary>What MySQL says to the SQL Drupal builds for a list where one value goes, or a BETWEEN without two.</summary>
    private const string SqlSyntaxError =
        "SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use";

    public static IFilterMember Parse(QueryValue filter, ResourceType type, Caller caller)
    {
        if (!filter.IsMap)
            throw JsonApiException.BadRequest("The filter parameter needs to be an array.");
        var items = filter.Entries.Select(entry => Expand(entry.Key, entry.Value)).ToArray();
        var paths = new Dictionary<Item, FieldPath>();
        foreach (var item in items)
        {
            if (item.Condition[PathKey] is { } path)
                paths[item] = FieldPath.Resolve(type, path.Text ?? "", caller, item.Condition[OperatorKey]?.Text);
        }
        return BuildGroup(RootId, "AND", items, paths, []);
    }

    /// <summary>Filter::expand and ::expandItem: a plain value or a <c>value</c> key makes a condition on the filter's own name.</summary>
    private static Item Expand(string key, QueryValue raw)
    {
        // An UnexpectedValueException in Drupal, no HTTP exception: JSON:API answers it with a 500.
        if (key == RootId)
            throw new JsonApiException(StatusCodes.Status500InternalServerError, $"'{RootId}' is a reserved filter id.");
        var item = raw.IsMap ? raw : QueryValue.Map([new(ValueKey, raw)]);
        var memberOf = item[Condition]?[MemberOf]?.Text ?? item[Group]?[MemberOf]?.Text ?? RootId;
        var condition = item[ValueKey] is not null
            ? item[PathKey] is null ? item.With(PathKey, QueryValue.Leaf(key)) : item
            : item[Condition] is { IsMap: true } given ? given : QueryValue.Map([]);
        return new Item(key, memberOf, condition, item[Group]);
    }

    /// <summary>Filter::buildTree: members in the order given; a member of no reachable group is ignored, as in Drupal.</summary>
    private static FilterGroup BuildGroup(string id, string? conjunction, Item[] items, Dictionary<Item, FieldPath> paths, HashSet<string> built)
    {
        // EntityConditionGroup's InvalidArgumentException is no HTTP exception: JSON:API answers it with a 500.
        if (conjunction is not ("AND" or "OR"))
            throw new JsonApiException(StatusCodes.Status500InternalServerError, "Allowed conjunctions: AND, OR.");
        var members = new List<IFilterMember>();
        foreach (var item in items.Where(i => i.MemberOf == id))
        {
            if (item.Group is not null)
            {
                if (built.Add(item.Key))
                    members.Add(BuildGroup(item.Key, item.Group["conjunction"]?.Text, items, paths, built));
            }
            else
                members.Add(Check(item, paths));
        }
        return new FilterGroup(conjunction == "OR", members);
    }

    /// <summary>EntityCondition::validate. The operator defaults to "=", so a condition needs only a path.</summary>
    private static FilterCondition Check(Item item, Dictionary<Item, FieldPath> paths)
    {
        var condition = item.Condition;
        if (!paths.TryGetValue(item, out var path))
            throw JsonApiException.BadRequest("You must provide a valid filter condition. Check that you have set the required keys for your filter.");
        var op = condition[OperatorKey] switch
        {
            null => "=",
            { IsMap: true } => "Array",
            var given => given.Text!,
        };
        if (!FilterOperator.All.Contains(op))
            throw JsonApiException.BadRequest($"The '{op}' operator is not allowed in a filter parameter.");
        var value = condition[ValueKey];
        if (FilterOperator.TakesNoValue(op) && value is not null)
            throw JsonApiException.BadRequest($"Filters using the '{op}' operator should not provide a value.");
        if (value is null || FilterOperator.TakesNoValue(op))
            return new FilterCondition(path, op, null);
        var values = value.IsMap ? value.Entries.Select(e => e.Value.Text ?? "").ToArray() : [value.Text!];
        if ((value.IsMap && !FilterOperator.TakesList(op)) || (FilterOperator.TakesTwo(op) && values.Length != 2))
            throw new JsonApiException(StatusCodes.Status500InternalServerError, SqlSyntaxError);
        return new FilterCondition(path, op, values);
    }

    private sealed record Item(string Key, string MemberOf, QueryValue Condition, QueryValue? Group);
}
