using System.Net;
using DrupalTestServer.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace DrupalTestServer.Control.Faults;

/// <summary>
/// A redirect in place of the route: to itself (a loop, given a count), to another origin of the same
/// server, from https down to http, or up to https. A client must not carry its Authorization header
/// across origins, nor follow a downgrade.
/// </summary>
public sealed class RedirectFault(int status, string? target, string? location) : IFault
{
    private static readonly int[] Statuses = [301, 302, 303, 307, 308];

    private static readonly string[] Targets = ["same", "other", "downgrade", "https"];

    public static RedirectFault From(FaultRequest request)
    {
        var status = request.Status ?? StatusCodes.Status307TemporaryRedirect;
        if (!Statuses.Contains(status))
            throw new ArgumentException($"Fault kind 'redirect': 'status' must be one of {string.Join(", ", Statuses)}.");
        if (request.Location is null && request.Target is null)
            throw request.Missing("target' or 'location");
        var target = request.Target?.ToLowerInvariant();
        if (target is not null && !Targets.Contains(target))
            throw new ArgumentException($"Fault kind 'redirect': unknown 'target' '{request.Target}'; known: {string.Join(", ", Targets)}.");
        return new RedirectFault(status, target, request.Location);
    }

    public Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var to = location ?? Resolve(context);
        context.Response.Headers.Location = to;
        // Symfony's RedirectResponse body, which Drupal sends with every redirect.
        var escaped = WebUtility.HtmlEncode(to);
        return DrupalResponses.WriteAsync(context.Response, status, DrupalResponses.HtmlContentType,
            $"""
            <!DOCTYPE html>
            <html>
                <head>
                    <meta charset="UTF-8" />
                    <meta http-equiv="refresh" content="0;url='{escaped}'" />

                    <title>Redirecting to {escaped}</title>
                </head>
                <body>
                    Redirecting to <a href="{escaped}">{escaped}</a>.
                </body>
            </html>
            """);
    }

    /// <summary>The listeners' addresses are known only once the server runs, so they are looked up per request.</summary>
    private string Resolve(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.GetEncodedPathAndQuery();
        var listeners = context.RequestServices.GetRequiredService<ListenerAddresses>();
        return target switch
        {
            "same" => request.GetEncodedUrl(),
            // The same server under another name: another origin for the client.
            "other" => $"http://localhost:{new Uri(listeners.Http).Port}{pathAndQuery}",
            "downgrade" => listeners.Http + pathAndQuery,
            "https" => listeners.Https + pathAndQuery,
            _ => throw new InvalidOperationException($"Unchecked redirect target '{target}'."),
        };
    }
}
