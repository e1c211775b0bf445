using System.Collections.Frozen;

namespace DrupalTestServer.Site;

/// <summary>
/// The content at one moment, never changed once made: readers take it without a lock and look nodes, terms and
/// files up by id without a scan, however many articles there are. A change makes a new snapshot that shares the
/// indexes of what it did not change, so that a write among 20,000 articles costs one index, not three.
/// </summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<string, ContentNode> nodesByUuid;
    private readonly FileIndex files;
    private readonly TermIndex terms;

    /// <param name="nodes">In nid order.</param>
    /// <param name="files">In fid order; null for the seeded images, which follow from the articles.</param>
    /// <param name="terms">In tid order; null for the seeded terms.</param>
    public ContentSnapshot(IReadOnlyList<ContentNode> nodes, IReadOnlyList<ImageFile>? files = null, IReadOnlyList<TagTerm>? terms = null)
        : this(nodes, files is null ? null : new FileIndex(files), new TermIndex(terms ?? Taxonomy.SeedTerms))
    {
    }

    /// <param name="files">Null for the seeded images.</param>
    private ContentSnapshot(IReadOnlyList<ContentNode> nodes, FileIndex? files, TermIndex terms)
    {
        Nodes = nodes;
        Articles = nodes.Where(n => n.Bundle == ContentStore.ArticleBundle).ToArray();
        Pages = nodes.Where(n => n.Bundle == ContentStore.PageBundle).ToArray();
        nodesByUuid = nodes.ToDictionary(n => n.Uuid, StringComparer.Ordinal);
        this.files = files ?? new FileIndex(Articles.Where(a => a.ImageFid is not null).Select(a => new ImageFile(a.ImageFid!.Value, a.Nid, a.Created)).ToArray());
        this.terms = terms;
    }

    private ContentSnapshot(ContentSnapshot old, FileIndex? files, TermIndex? terms)
    {
        Nodes = old.Nodes;
        Articles = old.Articles;
        Pages = old.Pages;
        nodesByUuid = old.nodesByUuid;
        this.files = files ?? old.files;
        this.terms = terms ?? old.terms;
    }

    public IReadOnlyList<ContentNode> Nodes { get; }

    public IReadOnlyList<ContentNode> Articles { get; }

    public IReadOnlyList<ContentNode> Pages { get; }

    /// <summary>In fid order.</summary>
    public IReadOnlyList<ImageFile> Files => files.All;

    /// <summary>The terms of the tags vocabulary, in tid order.</summary>
    public IReadOnlyList<TagTerm> Terms => terms.All;

    public ContentSnapshot WithNodes(IReadOnlyList<ContentNode> nodes) => new(nodes, files, terms);

    public ContentSnapshot WithNodesAndFiles(IReadOnlyList<ContentNode> nodes, IReadOnlyList<ImageFile> files) => new(nodes, new FileIndex(files), terms);

    public ContentSnapshot WithFiles(IReadOnlyList<ImageFile> files) => new(this, new FileIndex(files), null);

    public ContentSnapshot WithTerms(IReadOnlyList<TagTerm> terms) => new(this, null, new TermIndex(terms));

    public IReadOnlyList<ContentNode> OfBundle(string bundle) => bundle switch
    {
        ContentStore.ArticleBundle => Articles,
        ContentStore.PageBundle => Pages,
        _ => [],
    };

    public ContentNode? FindNode(string uuid) => nodesByUuid.GetValueOrDefault(uuid);

    /// <summary>Nids are ascending, so a binary search finds one without a map of its own.</summary>
    public ContentNode? FindNode(int nid)
    {
        var (low, high) = (0, Nodes.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var found = Nodes[middle].Nid;
            if (found == nid)
                return Nodes[middle];
            (low, high) = found < nid ? (middle + 1, high) : (low, middle - 1);
        }
        return null;
    }

    public ImageFile? FindFile(string uuid) => files.ByUuid.GetValueOrDefault(uuid);

    public ImageFile? FindFileByUrl(string url) => files.ByUrl.GetValueOrDefault(url);

    public ImageFile? FindFile(int fid) => files.ByFid.GetValueOrDefault(fid);

    public TagTerm? FindTerm(string uuid) => terms.ByUuid.GetValueOrDefault(uuid);

    public TagTerm? FindTerm(int tid) => terms.ByTid.GetValueOrDefault(tid);

    private sealed class FileIndex(IReadOnlyList<ImageFile> all)
    {
        public IReadOnlyList<ImageFile> All { get; } = all;

        public FrozenDictionary<string, ImageFile> ByUuid { get; } = all.ToFrozenDictionary(f => f.Uuid, StringComparer.Ordinal);

        public FrozenDictionary<string, ImageFile> ByUrl { get; } = all.ToFrozenDictionary(f => f.Url, StringComparer.Ordinal);

        public FrozenDictionary<int, ImageFile> ByFid { get; } = all.ToFrozenDictionary(f => f.Fid);
    }

    private sealed class TermIndex(IReadOnlyList<TagTerm> all)
    {
        public IReadOnlyList<TagTerm> All { get; } = all;

        public Dictionary<string, TagTerm> ByUuid { get; } = all.ToDictionary(t => t.Uuid, StringComparer.Ordinal);

        public Dictionary<int, TagTerm> ByTid { get; } = all.ToDictionary(t => t.Tid);
    }
}
