using DrupalTestServer.OAuth;

namespace DrupalTestServer.JsonApi;

/// <summary>One key of the <c>sort</c> parameter: <c>sort=-created,title</c>, or <c>sort[k][path]=created&amp;sort[k][direction]=DESC</c>.</summary>
public sealed record SortField(FieldPath Path, bool Descending)
{
    /// <summary>Drupal's Sort::createFromQueryParameter, then each path resolved as a filter path is.</summary>
    public static IReadOnlyList<SortField> Parse(QueryValue sort, ResourceType type, Caller caller)
    {
        if (sort.IsMap ? !sort.Entries.Any() : sort.Text!.Length == 0)
            throw JsonApiException.BadRequest("You need to provide a value for the sort parameter.");
        var keys = sort.IsMap
            ? sort.Entries.Select(entry => (
                Path: entry.Value["path"]?.Text
                    ?? throw JsonApiException.BadRequest("You need to provide a field name for the sort parameter."),
                Direction: entry.Value["direction"]?.Text ?? "ASC"))
            : sort.Text!.Split(',').Select(field => field.StartsWith('-') ? (Path: field[1..], Direction: "DESC") : (Path: field, Direction: "ASC"));
        return keys
            .Select(key => new SortField(FieldPath.Resolve(type, key.Path, caller), key.Direction.Equals("DESC", StringComparison.OrdinalIgnoreCase)))
            .ToArray();
    }
}
