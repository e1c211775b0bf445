namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The route's real answer cut to half its length, with a Content-Length that matches the cut,
/// so the client receives a complete HTTP response whose JSON ends in the middle.
/// </summary>
public sealed class TruncatedFault : IFault
{
    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await route(context);
        }
        finally
        {
            response.Body = original;
        }
        var kept = (int)buffer.Length / 2;
        response.ContentLength = kept;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, kept), context.RequestAborted);
    }
}
