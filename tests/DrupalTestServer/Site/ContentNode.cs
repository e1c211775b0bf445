namespace DrupalTestServer.Site;

/// <summary>
/// A node of the site; <see cref="Bundle"/> is the content type ("article" or "page"). Articles carry
/// tags (term ids) and maybe an image (a file id); <see cref="Spanish"/> is the node's Spanish translation, if any.
/// <see cref="Promote"/> null is the bundle's default; <see cref="Changed"/> null is the created time (JSON:API writes set both).
/// </summary>
public sealed record ContentNode(
    int Nid,
    string Uuid,
    string Bundle,
    string Title,
    long Created,
    bool Status,
    string Body,
    int AuthorUid,
    IReadOnlyList<int> TagTids,
    int? ImageFid,
    ContentTranslation? Spanish,
    bool? Promote = null,
    bool Sticky = false,
    long? Changed = null)
{
    public string AuthorName => SiteDirectory.Users.TryGetValue(AuthorUid, out var author) ? author.Name : SiteDirectory.Anonymous.Name;
}
