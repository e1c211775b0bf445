using System.Globalization;
using DrupalOAuth.Connections;
using DrupalOAuth.Tests.Support;

namespace DrupalOAuth.Tests.Incremental;

/// <summary>
/// Drupal core's JSON:API over articles that editors save and delete while they are read: the collection in the
/// order of changed, then id, with the filters an incremental read sends (changed at or after a time, and the
/// keyset group changed &gt; c OR (changed = c AND id &gt; i)), cut at page[offset] and page[limit] with a next link
/// while a row is left beyond the page, and the hidden articles removed after the page was cut, as Drupal does.
/// </summary>
public sealed class KeysetSite : IDisposable
{
    private readonly FakeDrupal _drupal;
    private readonly object _lock = new();
    private readonly Dictionary<int, long> _changed = new();
    private int _reads;

    public KeysetSite()
    {
        _drupal = new FakeDrupal { Site = ServeAsync };
    }

    /// <summary>Articles the consumer's user may not see: Drupal leaves them out after cutting the page.</summary>
    public HashSet<int> Hidden { get; } = new();

    /// <summary>Called with the number of each collection request (1 for the first) before it is answered: an editor at work.</summary>
    public Action<int>? BeforeRead { get; set; }

    /// <summary>When set, the keyset filter is ignored, as a proxy that drops it would.</summary>
    public bool IgnoresKeys { get; set; }

    /// <summary>The collection requests, their query parameters decoded, in order.</summary>
    public List<IReadOnlyDictionary<string, string>> Reads { get; } = new();

    /// <summary>Saves article <paramref name="number"/> (a new one or again) at <paramref name="changed"/> (Unix seconds).</summary>
    public void Save(int number, long changed)
    {
        lock (_lock)
        {
            _changed[number] = changed;
        }
    }

    public void Delete(int number)
    {
        lock (_lock)
        {
            _changed.Remove(number);
        }
    }

    public Task<DrupalConnection> OpenAsync() => _drupal.OpenAsync(_drupal.Settings());

    public void Dispose() => _drupal.Dispose();

    private Task ServeAsync(HttpExchange x)
    {
        var entryPoint = new Uri(_drupal.SiteUri, "jsonapi");
        if (x.Request.Path == entryPoint.AbsolutePath)
        {
            return x.RespondAsync(200, JsonApiDocuments.Index(entryPoint, "node--article"), JsonApiDocuments.MediaType);
        }

        var query = Parameters(x.Request.Target);
        BeforeRead?.Invoke(Interlocked.Increment(ref _reads));
        string page;
        lock (_lock)
        {
            Reads.Add(query);
            page = Page(x.Request.Target, query);
        }

        return x.RespondAsync(200, page, JsonApiDocuments.MediaType);
    }

    private string Page(string target, IReadOnlyDictionary<string, string> query)
    {
        var since = query.TryGetValue("filter[changed-since][condition][value]", out var s) ? long.Parse(s, CultureInfo.InvariantCulture) : long.MinValue;
        var keyed = !IgnoresKeys && query.ContainsKey("filter[ks-after][condition][value]");
        var afterChanged = keyed ? long.Parse(query["filter[ks-c][condition][value]"], CultureInfo.InvariantCulture) : 0;
        var afterId = keyed ? query["filter[ks-i][condition][value]"] : string.Empty;
        var offset = query.TryGetValue("page[offset]", out var o) ? int.Parse(o, CultureInfo.InvariantCulture) : 0;
        var limit = query.TryGetValue("page[limit]", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 50;
        var rows = _changed
            .Select(article => (Number: article.Key, Id: JsonApiDocuments.ArticleId(article.Key), Changed: article.Value))
            .Where(row => row.Changed >= since)
            .Where(row => !keyed || row.Changed > afterChanged || (row.Changed == afterChanged && string.CompareOrdinal(row.Id, afterId) > 0))
            .OrderBy(row => row.Changed).ThenBy(row => row.Id, StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit + 1)
            .ToList();
        var resources = rows.Take(limit).Where(row => !Hidden.Contains(row.Number)).Select(row =>
            "{\"type\":\"node--article\",\"id\":\"" + row.Id + "\",\"attributes\":{\"title\":\"Article " + row.Number + "\",\"changed\":\""
            + DateTimeOffset.FromUnixTimeSeconds(row.Changed).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "\"}}");
        return JsonApiDocuments.Collection(resources, rows.Count > limit ? NextLink(target, offset + limit, limit) : null);
    }

    /// <summary>As Drupal writes it: absolute, with every other parameter kept and the brackets encoded.</summary>
    private string NextLink(string target, int offset, int limit)
    {
        var kept = target.Split('?').Skip(1).SelectMany(q => q.Split('&')).Where(part => !Uri.UnescapeDataString(part).StartsWith("page[", StringComparison.Ordinal));
        var query = string.Join("&", kept.Append($"page%5Boffset%5D={offset}").Append($"page%5Blimit%5D={limit}"));
        return new Uri(_drupal.SiteUri, target.Split('?')[0]).AbsoluteUri + "?" + query;
    }

    private static IReadOnlyDictionary<string, string> Parameters(string target) =>
        target.Split('?').Skip(1).SelectMany(q => q.Split('&', StringSplitOptions.RemoveEmptyEntries))
            .Select(part => part.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString((p.Length > 1 ? p[1] : string.Empty).Replace('+', ' ')));
}
