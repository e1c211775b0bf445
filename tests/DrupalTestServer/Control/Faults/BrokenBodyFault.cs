namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The route's real answer, announced whole (its Content-Length), then the connection broken after half of it
/// has gone out: a client that used the first half as it came must not send the request again.
/// </summary>
public sealed class BrokenBodyFault : IFault
{
    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var body = await BufferedRoute.RunAsync(context, route);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(100, context.RequestAborted);
        context.Abort();
    }
}
