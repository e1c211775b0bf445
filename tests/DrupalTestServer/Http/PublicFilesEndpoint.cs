using DrupalTestServer.Site;

namespace DrupalTestServer.Http;

/// <summary>The public files (<c>/sites/default/files/…</c>), served without authentication as a web server serves them.</summary>
public static class PublicFilesEndpoint
{
    public static Task HandleAsync(HttpContext context, ContentStore content)
    {
        var request = context.Request;
        var isHead = HttpMethods.IsHead(request.Method);
        if (!isHead && !HttpMethods.IsGet(request.Method))
            return DrupalResponses.MethodNotAllowedAsync(context, "GET, HEAD");
        // A missing file reaches Drupal, which answers its 404 page.
        if (content.Current.FindFileByUrl(request.Path.Value ?? "") is not { } file)
            return DrupalResponses.NotFoundAsync(context);
        var response = context.Response;
        response.ContentType = file.Mime;
        response.ContentLength = file.Size;
        if (isHead)
            return Task.CompletedTask;
        // An uploaded file's bytes come from where the upload stored them, streamed.
        return file.Upload is { } upload
            ? response.SendFileAsync(upload.StoredPath, context.RequestAborted)
            : PatternBytes.WriteAsync(response.Body, file.Size, file.ByteSeed, context.RequestAborted);
    }
}
