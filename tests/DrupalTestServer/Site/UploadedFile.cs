namespace DrupalTestServer.Site;

/// <summary>
/// A file uploaded through JSON:API: its name as uploaded (path parts stripped), the name its uri got (renamed
/// <c>NAME_0.EXT</c> on a clash, as FileSystem::createFilename does), who uploaded it, and where its bytes are stored
/// once, on disk, so that a 20 MB upload never sits in memory. Its UUID is random, as Drupal's are: a client that
/// copies a file between sites cannot expect it to follow any scheme, or to differ from the source's by construction.
/// </summary>
public sealed record UploadedFile(string Filename, string UriName, int OwnerUid, string StoredPath, long Size, string Sha256, string Mime)
{
    public string Uuid { get; } = Guid.NewGuid().ToString();
}
