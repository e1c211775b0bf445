using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>An HTML page with status 200, as a wrong base URL, a login redirect or a captive proxy gives.</summary>
public sealed class Html200Fault : IFault
{
    public Task ApplyAsync(HttpContext context, RequestDelegate route) =>
        DrupalResponses.HtmlAsync(context.Response, StatusCodes.Status200OK, "Home", "Welcome to Drupal Test Site.");
}
