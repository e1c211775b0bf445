namespace DrupalTestServer.Site;

/// <summary>
/// A node of the site; <see cref="Bundle"/> is the content type ("article" or "page"). Articles carry
/// tags (term ids) and maybe an image (a file id); <see cref="Spanish"/> is the node's Spanish translation, if any.
/// <see cref="Promote"/> null is the bundle's default; <see cref="Changed"/> null is the created time (JSON:API writes set both).
/// <see cref="Body"/> null is an empty body field, which Drupal shows as <c>null</c>.
/// </summary>
public sealed record ContentNode(
    int Nid,
    string Uuid,
    string Bundle,
    string Title,
    long Created,
    bool Status,
    string? Body,
    int AuthorUid,
    IReadOnlyList<int> TagTids,
    int? ImageFid,
    ContentTranslation? Spanish,
    bool? Promote = null,
    bool Sticky = false,
    long? Changed = null)
{
    /// <summary>The body's text format; null when a client gave the body as a plain string (Drupal keeps no format then).</summary>
    public string? BodyFormat { get; init; } = TextFormats.BasicHtml;

    public string? BodySummary { get; init; }

    public PathAlias Path { get; init; } = PathAlias.None;

    /// <summary>The image item's alt, title and size; null for a seeded image, whose alt and size follow from its file.</summary>
    public ImageMeta? Image { get; init; }

    // The article fields a standard site's admins add: one of each kind Drupal checks differently.
    public bool? Featured { get; init; }

    public long? Rating { get; init; }

    public double? Score { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? ExternalId { get; init; }

    public string AuthorName => SiteDirectory.Users.TryGetValue(AuthorUid, out var author) ? author.Name : SiteDirectory.Anonymous.Name;
}
