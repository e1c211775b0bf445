namespace DrupalTestServer.Site;

/// <summary>A node of the site; <see cref="Bundle"/> is the content type ("article" or "page").</summary>
public sealed record ContentNode(
    int Nid,
    string Uuid,
    string Bundle,
    string Title,
    long Created,
    bool Status,
    string Body,
    int AuthorUid)
{
    public string AuthorName => SiteDirectory.Users.TryGetValue(AuthorUid, out var author) ? author.Name : SiteDirectory.Anonymous.Name;
}
