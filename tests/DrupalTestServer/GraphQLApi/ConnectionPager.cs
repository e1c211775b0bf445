using System.Globalization;
using System.Text;
using DrupalTestServer.Site;
using GraphQL;

namespace DrupalTestServer.GraphQLApi;

/// <summary>
/// Relay cursor paging over nodes in nid order, with graphql_compose_edges' rules (EntityConnection) and
/// wording. A cursor names a nid, so a page is found by binary search, whatever the number of nodes.
/// </summary>
public static class ConnectionPager
{
    /// <summary>graphql_compose's EntityConnection::MAX_LIMIT.</summary>
    public const int MaxLimit = 100;

    private const string CursorPrefix = "node:";

    /// <param name="all">In nid order.</param>
    public static NodeConnection Page(IReadOnlyList<ContentNode> all, int? first, string? after, int? last, string? before)
    {
        CheckArguments(first, after, last, before);
        var start = after is null ? 0 : FirstAfter(all, NidOf(after));
        var end = before is null ? all.Count : Math.Max(FirstAfter(all, NidOf(before) - 1), start);
        if (first is { } firstCount)
            end = Math.Min(end, start + firstCount);
        if (last is { } lastCount)
            start = Math.Max(start, end - lastCount);

        var edges = new ConnectionEdge[end - start];
        for (var i = start; i < end; i++)
            edges[i - start] = new ConnectionEdge(CursorOf(all[i]), all[i]);
        var pageInfo = new ConnectionPageInfo(end < all.Count, start > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new NodeConnection(edges, pageInfo);
    }

    /// <summary>EntityConnection::assertValidPagination, in its order.</summary>
    private static void CheckArguments(int? first, string? after, int? last, string? before)
    {
        if (first is null && last is null)
            throw new ExecutionError("You must provide one of first or last.");
        if (first is not null && last is not null)
            throw new ExecutionError("Providing both first and last is not supported.");
        if (first is not null && before is not null)
            throw new ExecutionError("Using first with before is not supported.");
        if (last is not null && after is not null)
            throw new ExecutionError("Using last with after is not supported.");
        if (first <= 0)
            throw new ExecutionError("First must be a positive integer when provided.");
        if (last <= 0)
            throw new ExecutionError("Last must be a positive integer when provided.");
        if (first > MaxLimit)
            throw new ExecutionError($"First may not be larger than {MaxLimit}.");
        if (last > MaxLimit)
            throw new ExecutionError($"Last may not be larger than {MaxLimit}.");
    }

    private static string CursorOf(ContentNode node) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + node.Nid.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The cursor's nid; like graphql_compose, one whose node is gone still marks a place in the order.</summary>
    private static int NidOf(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var nid))
                return nid;
        }
        catch (FormatException)
        {
            // Not base64: the same error as a cursor that decodes to something else.
        }
        throw new ExecutionError($"Invalid cursor {cursor}");
    }

    /// <summary>The index of the first node whose nid is greater than <paramref name="nid"/>.</summary>
    private static int FirstAfter(IReadOnlyList<ContentNode> all, int nid)
    {
        var (low, high) = (0, all.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (all[middle].Nid <= nid)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
