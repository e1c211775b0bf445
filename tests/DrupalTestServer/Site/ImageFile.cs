namespace DrupalTestServer.Site;

/// <summary>
/// An article's image, a public file entity. Its bytes follow from its fid (see <see cref="ByteSeed"/>) and are
/// served at <see cref="Url"/> to anyone, as a web server serves public files without asking Drupal. A file uploaded
/// through JSON:API has <see cref="Upload"/> instead: its name, owner and the bytes stored on disk.
/// </summary>
public sealed record ImageFile(int Fid, int ArticleNid, long Created)
{
    /// <summary>Null for the seeded images, whose bytes follow from their fid.</summary>
    public UploadedFile? Upload { get; init; }

    /// <summary>Where Drupal's public:// stream is served.</summary>
    public const string PublicPath = "/sites/default/files";

    public const string MimeType = "image/png";
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>The month folder Drupal puts uploads in.</summary>
    public const string Folder = "2026-01";

    public string Uuid => Upload?.Uuid ?? EntityUuid.Of(EntityUuid.File, Fid);

    /// <summary>
    /// An upload is temporary until a node that references it is saved (file usage makes it permanent); cron would
    /// remove it after six hours, which this server never does.
    /// </summary>
    public bool Permanent { get; init; } = true;

    /// <summary>The name as uploaded, which a renamed upload keeps (filename <c>a.png</c>, uri <c>a_0.png</c>).</summary>
    public string Filename => Upload?.Filename ?? UriName;

    /// <summary>The last segment of <see cref="Uri"/>.</summary>
    public string UriName => Upload?.UriName ?? $"image-{Fid}.png";

    public string Uri => $"public://{Folder}/{UriName}";

    public string Url => $"{PublicPath}/{Folder}/{UriName}";

    /// <summary>Sizes differ per file, so that a client that mixes up downloads is caught.</summary>
    public long Size => Upload?.Size ?? 1024 + 16L * Fid;

    public string Alt => Upload is null ? $"Image of article {ArticleNid}" : "";

    public string Mime => Upload?.Mime ?? MimeType;

    /// <summary>Byte i of the file is (i + seed) % 251 (<c>Http.PatternBytes</c>); the bytes are not a decodable PNG.</summary>
    public int ByteSeed => Fid;
}
