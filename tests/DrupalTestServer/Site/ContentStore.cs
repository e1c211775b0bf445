namespace DrupalTestServer.Site;

/// <summary>The site's nodes: 25 articles and 3 pages, plus what mutations add until the next reset.</summary>
public sealed class ContentStore
{
    public const int SeedArticles = 25;
    public const int SeedPages = 3;
    private const long FirstCreated = 1_700_000_000;
    private const int ApiUserUid = 2;

    private readonly Lock gate = new();
    private List<ContentNode> nodes = Seed();

    public IReadOnlyList<ContentNode> All
    {
        get { lock (gate) return nodes.ToArray(); }
    }

    public IReadOnlyList<ContentNode> OfBundle(string bundle) => All.Where(n => n.Bundle == bundle).ToArray();

    /// <summary>Finds a node by nid or uuid, as graphql_compose's <c>node(id:)</c> accepts both.</summary>
    public ContentNode? Find(string id) =>
        All.FirstOrDefault(n => n.Uuid == id || n.Nid.ToString(System.Globalization.CultureInfo.InvariantCulture) == id);

    public ContentNode AddArticle(string title, string body, int authorUid)
    {
        lock (gate)
        {
            var nid = nodes.Max(n => n.Nid) + 1;
            var node = NewNode(nid, "article", title, body, authorUid);
            nodes.Add(node);
            return node;
        }
    }

    public void Reset()
    {
        lock (gate) nodes = Seed();
    }

    private static List<ContentNode> Seed()
    {
        var seeded = new List<ContentNode>();
        for (var i = 1; i <= SeedArticles; i++)
            seeded.Add(NewNode(i, "article", $"Article {i}", $"<p>Body of article {i}.</p>", ApiUserUid));
        for (var i = 1; i <= SeedPages; i++)
            seeded.Add(NewNode(SeedArticles + i, "page", $"Page {i}", $"<p>Body of page {i}.</p>", ApiUserUid));
        return seeded;
    }

    /// <summary>Uuid and created time follow from the nid so that tests can predict them.</summary>
    private static ContentNode NewNode(int nid, string bundle, string title, string body, int authorUid) =>
        new(nid, $"{nid:x8}-d7a1-4c3e-9f00-{nid:x12}", bundle, title, FirstCreated + nid * 3600L, true, body, authorUid);
}
