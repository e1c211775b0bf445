namespace DrupalTestServer.Site;

/// <summary>
/// A file uploaded through JSON:API: the name Drupal kept (path parts stripped, renamed on a clash), who uploaded
/// it, and where its bytes are stored once, on disk, so that a 20 MB upload never sits in memory.
/// </summary>
public sealed record UploadedFile(string Filename, int OwnerUid, string StoredPath, long Size, string Sha256, string Mime);
