using System.Collections.Frozen;

namespace DrupalTestServer.Site;

/// <summary>
/// The content at one moment, never changed once made: readers take it without a lock and look nodes and
/// files up by uuid without a scan, however many articles there are.
/// </summary>
public sealed class ContentSnapshot
{
    private readonly FrozenDictionary<string, ContentNode> nodesByUuid;
    private readonly FrozenDictionary<string, ImageFile> filesByUuid;
    private readonly FrozenDictionary<string, ImageFile> filesByUrl;
    private readonly FrozenDictionary<int, ImageFile> filesByFid;

    /// <param name="nodes">In nid order.</param>
    /// <param name="files">In fid order; null for the seeded images, which follow from the articles.</param>
    public ContentSnapshot(IReadOnlyList<ContentNode> nodes, IReadOnlyList<ImageFile>? files = null)
    {
        Nodes = nodes;
        Articles = nodes.Where(n => n.Bundle == ContentStore.ArticleBundle).ToArray();
        Pages = nodes.Where(n => n.Bundle == ContentStore.PageBundle).ToArray();
        Files = files ?? Articles.Where(a => a.ImageFid is not null).Select(a => new ImageFile(a.ImageFid!.Value, a.Nid, a.Created)).ToArray();
        nodesByUuid = nodes.ToFrozenDictionary(n => n.Uuid, StringComparer.Ordinal);
        filesByUuid = Files.ToFrozenDictionary(f => f.Uuid, StringComparer.Ordinal);
        filesByUrl = Files.ToFrozenDictionary(f => f.Url, StringComparer.Ordinal);
        filesByFid = Files.ToFrozenDictionary(f => f.Fid);
    }

    public IReadOnlyList<ContentNode> Nodes { get; }

    public IReadOnlyList<ContentNode> Articles { get; }

    public IReadOnlyList<ContentNode> Pages { get; }

    /// <summary>In fid order.</summary>
    public IReadOnlyList<ImageFile> Files { get; }

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

    public ImageFile? FindFile(string uuid) => filesByUuid.GetValueOrDefault(uuid);

    public ImageFile? FindFileByUrl(string url) => filesByUrl.GetValueOrDefault(url);

    public ImageFile? FindFile(int fid) => filesByFid.GetValueOrDefault(fid);
}
