namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The route's real answer cut to half its length, with a Content-Length that matches the cut,
/// so the client receives a complete HTTP response whose JSON ends in the middle.
/// </summary>
public sealed class TruncatedFault : IFault
{
    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var body = await BufferedRoute.RunAsync(context, route);
        var kept = body[..(body.Length / 2)];
        context.Response.ContentLength = kept.Length;
        await context.Response.Body.WriteAsync(kept, context.RequestAborted);
    }
}
