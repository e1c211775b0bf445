namespace DrupalTestServer.Control.Faults;

/// <summary>Runs the route with its body kept back, for faults that send its answer differently or not at all.</summary>
public static class BufferedRoute
{
    /// <summary>The route's status and headers are left on the response, which has not started; its body is returned.</summary>
    public static async Task<ReadOnlyMemory<byte>> RunAsync(HttpContext context, RequestDelegate route)
    {
        var response = context.Response;
        var original = response.Body;
        var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await route(context);
        }
        finally
        {
            response.Body = original;
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
