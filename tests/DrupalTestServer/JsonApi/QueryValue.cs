using System.Globalization;
using System.Net;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// A query string as PHP's parse_str reads it into <c>$_GET</c>, the form all of Drupal's JSON:API parameters
/// arrive in: bracketed names nest (<c>filter[a][value][]=x</c>), <c>[]</c> appends, a later value replaces an
/// earlier one. Either a text or an ordered map of further values.
/// </summary>
public sealed class QueryValue
{
    private readonly OrderedDictionary<string, QueryValue>? children;

    private QueryValue(string? text, OrderedDictionary<string, QueryValue>? children)
    {
        Text = text;
        this.children = children;
    }

    /// <summary>The value of a name without brackets, or null for a map.</summary>
    public string? Text { get; }

    public bool IsMap => children is not null;

    public IEnumerable<KeyValuePair<string, QueryValue>> Entries => children ?? [];

    public QueryValue? this[string key] => children?.GetValueOrDefault(key);

    public static QueryValue Leaf(string text) => new(text, null);

    public static QueryValue Map(IEnumerable<KeyValuePair<string, QueryValue>> entries) => new(null, new OrderedDictionary<string, QueryValue>(entries));

    /// <param name="query">Without the leading <c>?</c>.</param>
    public static QueryValue Parse(string query)
    {
        var root = new OrderedDictionary<string, QueryValue>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]).TrimStart(' ');
            var value = equals < 0 ? "" : WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (SplitName(name) is { } keys)
                Assign(root, keys, value);
        }
        return new QueryValue(null, root);
    }

    /// <summary>This map with <paramref name="key"/> set: in its place if present, else last, as PHP's array_merge does.</summary>
    public QueryValue With(string key, QueryValue value)
    {
        var copy = new OrderedDictionary<string, QueryValue>(children ?? []) { [key] = value };
        return new QueryValue(null, copy);
    }

    /// <summary>This map with its top-level names sorted, as Symfony normalizes the query of a request's URI.</summary>
    public QueryValue SortedByName() => Map(Entries.OrderBy(entry => entry.Key, StringComparer.Ordinal));

    /// <summary>Drupal's UrlHelper::buildQuery: names and values rawurlencoded (brackets too), slashes in values kept.</summary>
    public string ToQueryString() => string.Join('&', Build(this, null));

    private static IEnumerable<string> Build(QueryValue map, string? parent)
    {
        foreach (var (key, value) in map.Entries)
        {
            var name = parent is null ? Uri.EscapeDataString(key) : parent + Uri.EscapeDataString($"[{key}]");
            if (value.IsMap)
            {
                foreach (var part in Build(value, name))
                    yield return part;
            }
            else
                yield return name + "=" + Uri.EscapeDataString(value.Text!).Replace("%2F", "/", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// PHP's rules: the base name ends at the first <c>[</c>, its dots and spaces become underscores, each
    /// <c>[…]</c> after it is a key, anything after the last <c>]</c> is dropped; a first <c>[</c> without its
    /// <c>]</c> is kept in the name as an underscore. Null for an empty base name, which PHP ignores.
    /// </summary>
    private static List<string>? SplitName(string name)
    {
        var open = name.IndexOf('[');
        if (open >= 0 && name.IndexOf(']', open) < 0)
            (name, open) = (name[..open] + "_" + name[(open + 1)..], -1);
        var baseName = (open < 0 ? name : name[..open]).Replace('.', '_').Replace(' ', '_');
        if (baseName.Length == 0)
            return null;
        var keys = new List<string> { baseName };
        for (var at = open; at >= 0 && at < name.Length && name[at] == '[';)
        {
            var close = name.IndexOf(']', at);
            if (close < 0)
                break;
            keys.Add(name[(at + 1)..close]);
            at = close + 1;
        }
        return keys;
    }

    private static void Assign(OrderedDictionary<string, QueryValue> map, List<string> keys, string value)
    {
        for (var i = 0; i < keys.Count - 1; i++)
        {
            var key = keys[i].Length == 0 ? NextIndex(map) : keys[i];
            if (map.GetValueOrDefault(key) is not { children: { } next })
            {
                next = new OrderedDictionary<string, QueryValue>();
                map[key] = new QueryValue(null, next);
            }
            map = next;
        }
        map[keys[^1].Length == 0 ? NextIndex(map) : keys[^1]] = Leaf(value);
    }

    /// <summary>What <c>[]</c> appends at: one past the greatest integer key, as PHP arrays count.</summary>
    private static string NextIndex(OrderedDictionary<string, QueryValue> map)
    {
        var next = 0L;
        foreach (var key in map.Keys)
        {
            if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index.ToString(CultureInfo.InvariantCulture) == key)
                next = Math.Max(next, index + 1);
        }
        return next.ToString(CultureInfo.InvariantCulture);
    }
}
