using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>An error status in place of the route, by default with Drupal's HTML error page (a fatal error, maintenance, a proxy).</summary>
public sealed class StatusFault(int status, string? retryAfter, string body, string contentType) : IFault
{
    public static StatusFault From(FaultRequest request)
    {
        var status = request.Status ?? throw request.Missing("status");
        var title = status >= 500 ? "Error" : "Client error";
        return new StatusFault(
            status,
            request.RetryAfter,
            request.Body ?? DrupalResponses.HtmlPage(title, "The website encountered an unexpected error. Try again later."),
            request.ContentType ?? DrupalResponses.HtmlContentType);
    }

    public Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        if (retryAfter is not null)
            context.Response.Headers.RetryAfter = retryAfter;
        return DrupalResponses.WriteAsync(context.Response, status, contentType, body);
    }
}
