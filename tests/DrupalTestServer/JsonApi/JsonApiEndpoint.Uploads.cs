using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using Microsoft.AspNetCore.Http.Features;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// JSON:API's FileUpload controller: raw bytes for a file field, named by Content-Disposition (file module's
/// ContentDispositionFilenameParser), streamed to disk once, then a file entity, attached to the entity if one is named.
/// </summary>
public sealed partial class JsonApiEndpoint
{
    private const string OctetStream = "application/octet-stream";

    private const int UploadBufferSize = 64 * 1024;

    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif", [".webp"] = "image/webp",
        [".txt"] = "text/plain", [".pdf"] = "application/pdf",
    };

    private async Task UploadAsync(HttpContext context, Caller caller, JsonApiPath path, JsonApiRoute route, RelationshipField field, LinkBuilder links)
    {
        var http = context.Request;
        CheckContentType(http, OctetStream);
        var type = (NodeResourceType)route.Type!;
        var host = route.Kind == JsonApiRouteKind.Related
            ? (ContentNode)Find(new JsonApiRequest(caller, content.Current, path, links, version.Major), route)
            : null;
        CheckParameterNames(links);
        // Create access to the bundle for a new file, update access to the entity for an attached one.
        var permission = host is null ? $"create {type.Bundle} content" : $"edit any {type.Bundle} content";
        if (!caller.HasPermission(PermissionCatalog.BypassNodeAccess) && !caller.HasPermission(permission))
            throw new JsonApiException(StatusCodes.Status403Forbidden, "The current user is not permitted to upload a file for this field.");
        var filename = ParseFilename(http.Headers.ContentDisposition.ToString(), http.Headers.ContainsKey("Content-Disposition"));

        // The whole body, however large: Kestrel's 30 MB default is no limit Drupal has.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        Directory.CreateDirectory(content.UploadFolder);
        var stored = Path.Combine(content.UploadFolder, Guid.NewGuid().ToString("N"));
        long size = 0;
        string sha256;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(stored, FileMode.CreateNew, FileAccess.Write, FileShare.Read, UploadBufferSize, useAsync: true))
            {
                var buffer = new byte[UploadBufferSize];
                int read;
                while ((read = await http.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                    size += read;
                }
            }
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch
        {
            File.Delete(stored);
            throw;
        }

        var name = content.FreeFilename(filename);
        var mime = MimeTypes.GetValueOrDefault(Path.GetExtension(name), OctetStream);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var saved = content.AddFile(fid => new ImageFile(fid, host?.Nid ?? 0, now)
            { Upload = new UploadedFile(filename, name, caller.Account.Uid, stored, size, sha256, mime) }, host?.Uuid);
        stats.CountUpload(name, size, sha256);
        var request = new JsonApiRequest(caller, content.Current, path, links, version.Major);
        if (host is null)
        {
            var files = ResourceTypes.Find(ResourceTypes.FileTypeName)!;
            context.Response.Headers.Location = links.Individual(files, saved.Uuid);
            var resource = ResourceNormalizer.ResourceObject(request, files, saved, EntityAccessKind.Allowed);
            await JsonApiDocument.WriteAsync(context.Response, StatusCodes.Status201Created, Document(request, resource, [], SelfLinks(request)));
            return;
        }
        stats.CountUpdated();
        var updated = request.Content.FindNode(host.Uuid)!;
        await JsonApiDocument.WriteAsync(context.Response, StatusCodes.Status200OK, Related(request, type, updated, field));
    }

    /// <summary>ContentDispositionFilenameParser::parseFilename: a quoted <c>filename</c>, not the extended form, its path parts dropped.</summary>
    private static string ParseFilename(string header, bool present)
    {
        if (!present)
            throw JsonApiException.BadRequest("\"Content-Disposition\" header is required. A file name in the format \"filename=FILENAME\" must be provided.");
        if (FilenameParameter().Match(header) is not { Success: true } match)
            throw JsonApiException.BadRequest("No filename found in \"Content-Disposition\" header. A file name in the format \"filename=FILENAME\" must be provided.");
        if (match.Groups["star"].Length > 0)
            throw JsonApiException.BadRequest("The extended \"filename*\" format is currently not supported in the \"Content-Disposition\" header.");
        // PHP's basename on Linux: only '/' separates.
        var filename = match.Groups["filename"].Value;
        return filename[(filename.LastIndexOf('/') + 1)..] is { Length: > 0 } name
            ? name
            : throw JsonApiException.BadRequest("No filename found in \"Content-Disposition\" header. A file name in the format \"filename=FILENAME\" must be provided.");
    }

    [GeneratedRegex("\\bfilename(?<star>\\*?)=\"(?<filename>.+)\"")]
    private static partial Regex FilenameParameter();
}
