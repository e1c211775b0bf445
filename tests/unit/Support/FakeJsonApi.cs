using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Tests.Support;

/// <summary>
/// Drupal core's JSON:API on a <see cref="FakeDrupal"/> of its own: the entry point lists <see cref="Types"/>; a
/// collection path answers the page set for the request's page[offset] (whatever the path, so language prefixes
/// work too); a resource set by its path answers that path. Articles come from <see cref="JsonApiDocuments"/>.
/// </summary>
public sealed partial class FakeJsonApi : IDisposable
{
    private readonly FakeDrupal _drupal;
    private readonly ConcurrentDictionary<ulong, string> _pages = new();
    private readonly ConcurrentDictionary<string, string> _resources = new(StringComparer.Ordinal);
    private int _indexFailures;

    public FakeJsonApi(string basePath = "/")
    {
        _drupal = new FakeDrupal(basePath) { Site = ServeAsync };
        Types = new[] { "node--article", "node--page", "taxonomy_term--tags", "user--user" };
    }

    public FakeDrupal Drupal => _drupal;

    public string[] Types { get; set; }

    public Uri EntryPoint => new(_drupal.SiteUri, "jsonapi");

    /// <summary>When set, the entry point's links are on this origin, as a site behind a reverse proxy it does not know of writes them.</summary>
    public Uri? LinksOrigin { get; set; }

    public IReadOnlyList<ReceivedRequest> IndexRequests => _drupal.SiteRequests.Where(r => r.Path == EntryPoint.AbsolutePath).ToList();

    /// <summary>Every request but those for the entry point, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Reads => _drupal.SiteRequests.Where(r => r.Path != EntryPoint.AbsolutePath).ToList();

    /// <summary>The targets of <see cref="Reads"/>, such as /jsonapi/node/article?page%5Boffset%5D=2&amp;page%5Blimit%5D=2.</summary>
    public IReadOnlyList<string> ReadTargets => Reads.Select(r => r.Target).ToList();

    /// <summary>A connection to the site as client backend.</summary>
    public Task<DrupalConnection> OpenAsync(IDrupalLog? log = null) => _drupal.OpenAsync(_drupal.Settings(), log);

    /// <summary>
    /// Makes the entry point's links point at a host of their own, as a site behind a reverse proxy it does not
    /// know of writes them; that host answers article 99 to anything it is asked.
    /// </summary>
    public LocalHttpServer LinksOnInternalHost()
    {
        var internalHost = new LocalHttpServer(x => x.RespondAsync(200, JsonApiDocuments.Collection(new[] { JsonApiDocuments.Article(99) }), JsonApiDocuments.MediaType));
        LinksOrigin = internalHost.BaseUri;
        return internalHost;
    }

    public void Dispose() => _drupal.Dispose();

    /// <summary>The next <paramref name="count"/> entry point requests get a 500.</summary>
    public void FailIndex(int count) => Interlocked.Exchange(ref _indexFailures, count);

    /// <summary>The page at <paramref name="offset"/>: these articles, a next link to <paramref name="next"/> (on <paramref name="nextOrigin"/>, else the site), and more meta.</summary>
    public void Page(ulong offset, int[] articles, ulong? next = null, string? meta = null, Uri? nextOrigin = null, string language = "en") =>
        _pages[offset] = JsonApiDocuments.Collection(
            articles.Select(a => JsonApiDocuments.Article(a, language)),
            next is ulong n ? NextLink(n, nextOrigin) : null,
            meta: meta);

    /// <summary>A page as given, whole.</summary>
    public void Page(ulong offset, string document) => _pages[offset] = document;

    /// <summary>The link Drupal writes to the page at <paramref name="offset"/>: absolute, with encoded brackets.</summary>
    public string NextLink(ulong offset, Uri? origin = null) =>
        new Uri(origin ?? _drupal.SiteUri, _drupal.SiteUri.AbsolutePath + "jsonapi/node/article").AbsoluteUri + $"?page%5Boffset%5D={offset}&page%5Blimit%5D=2";

    /// <summary>What a request for <paramref name="path"/> (beneath the site) answers.</summary>
    public void Resource(string path, string document) => _resources[_drupal.SiteUri.AbsolutePath + path.TrimStart('/')] = document;

    private Task ServeAsync(HttpExchange x)
    {
        var path = x.Request.Path;
        if (path == EntryPoint.AbsolutePath)
        {
            return Interlocked.Decrement(ref _indexFailures) >= 0
                ? x.RespondAsync(500, JsonApiDocuments.Errors(("Internal Server Error", "500", "The website encountered an unexpected error.", null)), JsonApiDocuments.MediaType)
                : x.RespondAsync(200, JsonApiDocuments.Index(LinksOrigin == null ? EntryPoint : new Uri(LinksOrigin, EntryPoint.AbsolutePath), Types), JsonApiDocuments.MediaType);
        }

        if (_resources.TryGetValue(path, out var resource))
        {
            return x.RespondAsync(200, resource, JsonApiDocuments.MediaType);
        }

        var offset = OffsetParameter().Match(x.Request.Target) is { Success: true } m ? ulong.Parse(m.Groups[1].Value) : 0;
        return _pages.TryGetValue(offset, out var page)
            ? x.RespondAsync(200, page, JsonApiDocuments.MediaType)
            : x.RespondAsync(404, JsonApiDocuments.Errors(("Not Found", "404", "The requested page could not be found.", null)), JsonApiDocuments.MediaType);
    }

    [GeneratedRegex(@"page(?:%5B|\[)offset(?:%5D|\])=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetParameter();
}
