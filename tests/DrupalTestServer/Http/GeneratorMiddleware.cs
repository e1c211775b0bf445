using DrupalTestServer.Site;

namespace DrupalTestServer.Http;

/// <summary>
/// Drupal's <c>X-Generator</c> header on every answer of the site, faults included (they stand for the site's own
/// answers); not on public files, which the web server sends without Drupal, nor on the test controls.
/// </summary>
public sealed class GeneratorMiddleware(RequestDelegate next, DrupalVersion version)
{
    private const string ControlPath = "/_test";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(ControlPath, StringComparison.OrdinalIgnoreCase) && ApiRoute.FromPath(path) != ApiRoute.Files)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-Generator"] = version.Generator;
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
