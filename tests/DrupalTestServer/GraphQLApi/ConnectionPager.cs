using System.Text;
using DrupalTestServer.Site;
using GraphQL;

namespace DrupalTestServer.GraphQLApi;

/// <summary>Relay cursor paging over a list of nodes, with graphql_compose's demand for first or last.</summary>
public static class ConnectionPager
{
    private const string CursorPrefix = "node:";

    public static NodeConnection Page(IReadOnlyList<ContentNode> all, int? first, string? after, int? last, string? before)
    {
        if (first is null && last is null)
            throw new ExecutionError("You must provide one of first or last");
        if (first < 0 || last < 0)
            throw new ExecutionError("first and last must not be negative");

        var start = after is null ? 0 : IndexOf(all, after) + 1;
        var end = before is null ? all.Count : Math.Max(IndexOf(all, before), start);
        if (first is { } firstCount)
            end = Math.Min(end, start + firstCount);
        if (last is { } lastCount)
            start = Math.Max(start, end - lastCount);

        var edges = all.Skip(start).Take(end - start).Select(node => new ConnectionEdge(CursorOf(node), node)).ToArray();
        var pageInfo = new ConnectionPageInfo(end < all.Count, start > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new NodeConnection(edges, pageInfo);
    }

    private static string CursorOf(ContentNode node) => Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + node.Nid));

    private static int IndexOf(IReadOnlyList<ContentNode> all, string cursor)
    {
        for (var i = 0; i < all.Count; i++)
        {
            if (CursorOf(all[i]) == cursor)
                return i;
        }
        throw new ExecutionError($"Invalid cursor \"{cursor}\".");
    }
}
