namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The route's real answer, headers at once and then the body trickling in, a few bytes at a time,
/// so a client's time-out must cover reading the body and not only the wait for headers.
/// </summary>
public sealed class SlowBodyFault(int chunkBytes, TimeSpan interval) : IFault
{
    public static SlowBodyFault From(FaultRequest request) => new(
        request.AtLeast(request.Bytes ?? 16, 1, "bytes"),
        TimeSpan.FromMilliseconds(request.AtLeast(request.Ms ?? throw request.Missing("ms"), 0, "ms")));

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var body = await BufferedRoute.RunAsync(context, route);
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.ContentLength = body.Length;
        await response.StartAsync(aborted);
        await response.Body.FlushAsync(aborted);
        for (var sent = 0; sent < body.Length; sent += chunkBytes)
        {
            await Task.Delay(interval, aborted);
            await response.Body.WriteAsync(body.Slice(sent, Math.Min(chunkBytes, body.Length - sent)), aborted);
            await response.Body.FlushAsync(aborted);
        }
    }
}
