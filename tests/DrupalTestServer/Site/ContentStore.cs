using System.Globalization;

namespace DrupalTestServer.Site;

/// <summary>
/// The site's nodes: by default 25 articles and 3 pages, plus what mutations add until the next reset; tests
/// may replace them with any number of articles, some unpublished. Readers get an immutable snapshot.
/// </summary>
public sealed class ContentStore
{
    public const string ArticleBundle = "article";
    public const string PageBundle = "page";
    public const int SeedArticles = 25;
    public const int SeedPages = 3;
    private const long FirstCreated = 1_700_000_000;
    private const int ApiUserUid = 2;

    private readonly Lock gate = new();
    private volatile ContentSnapshot current = Seed(SeedArticles, 0);

    public ContentSnapshot Current => current;

    public IReadOnlyList<ContentNode> All => current.Nodes;

    public IReadOnlyList<ContentNode> OfBundle(string bundle) => current.OfBundle(bundle);

    /// <summary>Finds a node by nid or uuid, as graphql_compose's <c>node(id:)</c> accepts both.</summary>
    public ContentNode? Find(string id)
    {
        var snapshot = current;
        return snapshot.FindNode(id)
            ?? (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var nid) ? snapshot.FindNode(nid) : null);
    }

    /// <summary>Tags and image follow from the nid as for every article; a title of the client's own has no translation.</summary>
    public ContentNode AddArticle(string title, string body, int authorUid)
    {
        lock (gate)
        {
            var nodes = current.Nodes;
            var node = NewNode(nodes.Max(n => n.Nid) + 1, ArticleBundle, title, body, authorUid, true, null);
            current = new ContentSnapshot([.. nodes, node]);
            return node;
        }
    }

    /// <summary>Articles nid 1 to <paramref name="articles"/>, those whose nid is a multiple of <paramref name="unpublishedEvery"/> unpublished (0: none), then the pages.</summary>
    public void Replace(int articles, int unpublishedEvery)
    {
        var replaced = Seed(articles, unpublishedEvery);
        lock (gate) current = replaced;
    }

    public void Reset() => Replace(SeedArticles, 0);

    private static ContentSnapshot Seed(int articles, int unpublishedEvery)
    {
        var seeded = new List<ContentNode>(articles + SeedPages);
        for (var i = 1; i <= articles; i++)
        {
            // Even nids have a Spanish translation, so that tests see both a translated and a fallen-back article.
            var spanish = i % 2 == 0 ? new ContentTranslation("es", $"Artículo {i}", $"<p>Cuerpo del artículo {i}.</p>") : null;
            var published = unpublishedEvery <= 0 || i % unpublishedEvery != 0;
            seeded.Add(NewNode(i, ArticleBundle, $"Article {i}", $"<p>Body of article {i}.</p>", ApiUserUid, published, spanish));
        }
        for (var i = 1; i <= SeedPages; i++)
            seeded.Add(NewNode(articles + i, PageBundle, $"Page {i}", $"<p>Body of page {i}.</p>", ApiUserUid, true, null));
        return new ContentSnapshot(seeded);
    }

    /// <summary>Uuid, created time, tags and image follow from the nid so that tests can predict them; every third article has an image.</summary>
    private static ContentNode NewNode(int nid, string bundle, string title, string body, int authorUid, bool published, ContentTranslation? spanish)
    {
        var isArticle = bundle == ArticleBundle;
        return new ContentNode(
            nid,
            EntityUuid.Of(EntityUuid.Node, nid),
            bundle,
            title,
            FirstCreated + nid * 3600L,
            published,
            body,
            authorUid,
            isArticle ? Taxonomy.TagsOfArticle(nid) : [],
            isArticle && nid % 3 == 0 ? nid / 3 : null,
            spanish);
    }
}
