using System.Globalization;

namespace DrupalTestServer.Site;

/// <summary>
/// The site's content: by default 25 articles, 3 pages and 5 tags, plus what writes change until the next reset;
/// tests may replace the articles with any number, some unpublished. Readers get an immutable snapshot.
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
    public ContentNode AddArticle(string title, string body, int authorUid) => Change(snapshot =>
    {
        var nodes = snapshot.Nodes;
        var node = NewNode(nodes.Count == 0 ? 1 : nodes.Max(n => n.Nid) + 1, ArticleBundle, title, body, authorUid, true, null);
        // Its image follows from the nid as for the seeded ones; uploaded files stay.
        var files = snapshot.Files;
        if (node.ImageFid is { } fid && snapshot.FindFile(fid) is null)
            files = [.. files.Append(new ImageFile(fid, node.Nid, node.Created)).OrderBy(f => f.Fid)];
        return (snapshot.WithNodesAndFiles([.. nodes, node], files), node);
    });

    /// <summary>A JSON:API create: the next nid goes to <paramref name="make"/>; null when the node's uuid is taken (409).</summary>
    public ContentNode? Create(Func<int, ContentNode> make) => Change<ContentNode?>(snapshot =>
    {
        var node = make(snapshot.Nodes.Count == 0 ? 1 : snapshot.Nodes.Max(n => n.Nid) + 1);
        return snapshot.FindNode(node.Uuid) is null ? (Saved(snapshot, [.. snapshot.Nodes, node], node), node) : (null, null);
    });

    /// <summary>Replaces a node by what <paramref name="change"/> makes of it; null when it is gone meanwhile.</summary>
    public ContentNode? Update(string uuid, Func<ContentNode, ContentNode> change) => Change<ContentNode?>(snapshot =>
    {
        if (snapshot.FindNode(uuid) is not { } old)
            return (null, null);
        var node = change(old);
        return (Saved(snapshot, [.. snapshot.Nodes.Select(n => n.Uuid == uuid ? node : n)], node), node);
    });

    /// <summary>The nodes after <paramref name="node"/> was saved: file usage makes the file its image references permanent.</summary>
    private static ContentSnapshot Saved(ContentSnapshot snapshot, IReadOnlyList<ContentNode> nodes, ContentNode node) =>
        node.ImageFid is { } fid && snapshot.FindFile(fid) is { Permanent: false }
            ? snapshot.WithNodesAndFiles(nodes, [.. snapshot.Files.Select(f => f.Fid == fid ? f with { Permanent = true } : f)])
            : snapshot.WithNodes(nodes);

    /// <summary>Its files stay, as Drupal keeps a file that nothing uses any more (until cron removes temporary ones).</summary>
    public bool Delete(string uuid) => Change(snapshot =>
        snapshot.FindNode(uuid) is null ? (null, false) : (snapshot.WithNodes([.. snapshot.Nodes.Where(n => n.Uuid != uuid)]), true));

    /// <summary>A JSON:API create of a tag: the next tid goes to <paramref name="make"/>; null when the term's uuid is taken (409).</summary>
    public TagTerm? CreateTerm(Func<int, TagTerm> make) => Change<TagTerm?>(snapshot =>
    {
        var term = make(snapshot.Terms.Count == 0 ? 1 : snapshot.Terms.Max(t => t.Tid) + 1);
        return snapshot.FindTerm(term.Uuid) is null ? (snapshot.WithTerms([.. snapshot.Terms, term]), term) : (null, null);
    });

    public TagTerm? UpdateTerm(string uuid, Func<TagTerm, TagTerm> change) => Change<TagTerm?>(snapshot =>
    {
        if (snapshot.FindTerm(uuid) is not { } old)
            return (null, null);
        var term = change(old);
        return (snapshot.WithTerms([.. snapshot.Terms.Select(t => t.Uuid == uuid ? term : t)]), term);
    });

    /// <summary>Articles keep their reference to a deleted term, as Drupal keeps the field item; JSON:API shows it as "missing".</summary>
    public bool DeleteTerm(string uuid) => Change(snapshot =>
        snapshot.FindTerm(uuid) is null ? (null, false) : (snapshot.WithTerms([.. snapshot.Terms.Where(t => t.Uuid != uuid)]), true));

    /// <summary>
    /// A new file entity with the next fid, temporary; <paramref name="attachTo"/> (a node uuid) gets it as its image
    /// in the same step, an item without alt or title, and the file is permanent at once, as saving that node makes it.
    /// </summary>
    public ImageFile AddFile(Func<int, ImageFile> make, string? attachTo = null) => Change(snapshot =>
    {
        var file = make(snapshot.Files.Count == 0 ? 1 : snapshot.Files.Max(f => f.Fid) + 1) with { Permanent = attachTo is not null };
        var files = (IReadOnlyList<ImageFile>)[.. snapshot.Files, file];
        return attachTo is null
            ? (snapshot.WithFiles(files), file)
            : (snapshot.WithNodesAndFiles([.. snapshot.Nodes.Select(n => n.Uuid == attachTo ? n with { ImageFid = file.Fid, Image = ImageMeta.None } : n)], files), file);
    });

    /// <summary>The next path_alias id, for an entity whose alias is set for the first time; called under the lock, from a change.</summary>
    public long NextPathId()
    {
        var snapshot = current;
        return Math.Max(snapshot.Nodes.Max(n => n.Path.Pid) ?? 0, snapshot.Terms.Max(t => t.Path.Pid) ?? 0) + 1;
    }

    /// <summary>A name the public folder does not hold yet: Drupal's FileSystem::createFilename appends _0, _1, …</summary>
    public string FreeFilename(string filename)
    {
        var snapshot = current;
        var (stem, extension) = (Path.GetFileNameWithoutExtension(filename), Path.GetExtension(filename));
        var candidate = filename;
        for (var i = 0; snapshot.FindFileByUrl($"{ImageFile.PublicPath}/{ImageFile.Folder}/{candidate}") is not null; i++)
            candidate = $"{stem}_{i}{extension}";
        return candidate;
    }

    /// <summary>Where uploaded bytes are stored, one folder per server process, emptied on reset.</summary>
    public string UploadFolder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"DrupalTestServer-uploads-{Environment.ProcessId}");

    /// <summary>Articles nid 1 to <paramref name="articles"/>, those whose nid is a multiple of <paramref name="unpublishedEvery"/> unpublished (0: none), then the pages; the seeded tags.</summary>
    public void Replace(int articles, int unpublishedEvery) => Replace(Seed(articles, unpublishedEvery));

    /// <summary>
    /// A site with no nodes, terms or files (so no translations either), whose next nid, tid and fid are 1: the
    /// target of an import. Users, the vocabulary and the consumers are configuration and stay.
    /// </summary>
    public void Empty() => Replace(new ContentSnapshot([], [], []));

    public void Reset() => Replace(SeedArticles, 0);

    private void Replace(ContentSnapshot replaced)
    {
        ContentSnapshot old;
        lock (gate)
        {
            old = current;
            current = replaced;
        }
        foreach (var upload in old.Files.Select(f => f.Upload).OfType<UploadedFile>())
            File.Delete(upload.StoredPath);
    }

    /// <summary>One change under the lock: <paramref name="change"/> gives the next snapshot (null: none) and the result.</summary>
    private T Change<T>(Func<ContentSnapshot, (ContentSnapshot? Next, T Result)> change)
    {
        lock (gate)
        {
            var (next, result) = change(current);
            if (next is not null)
                current = next;
            return result;
        }
    }

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

    /// <summary>
    /// Uuid, created time, tags, image and the article fields follow from the nid so that tests can predict them:
    /// every third article has an image and is featured, every seventh has no rating, none has a score (a client
    /// learns that field's type only once something has one).
    /// </summary>
    private static ContentNode NewNode(int nid, string bundle, string title, string body, int authorUid, bool published, ContentTranslation? spanish)
    {
        var isArticle = bundle == ArticleBundle;
        var node = new ContentNode(
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
        return isArticle ? WithArticleFields(node) : node;
    }

    private static ContentNode WithArticleFields(ContentNode node)
    {
        var nid = node.Nid;
        return node with
        {
            Featured = nid % 3 == 0,
            Rating = nid % 7 == 0 ? null : nid % 5 + 1,
            Keywords = nid % 2 == 0 ? ["alpha", "beta"] : nid % 3 == 0 ? ["gamma"] : [],
            ExternalId = string.Create(CultureInfo.InvariantCulture, $"EXT-{nid:D4}"),
        };
    }
}
