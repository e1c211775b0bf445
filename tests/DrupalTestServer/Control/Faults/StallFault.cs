using System.Text;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>
/// A 200 whose body starts and then stops coming, far short of its Content-Length: only the client's
/// own time-out or cancellation (Ctrl+C) ends the wait. After <c>ms</c> the server gives up and breaks the connection.
/// </summary>
public sealed class StallFault(TimeSpan patience) : IFault
{
    private const int PromisedLength = 1000;

    private static readonly byte[] Start = Encoding.UTF8.GetBytes("{\"data\":");

    public static StallFault From(FaultRequest request) =>
        new(request.Ms is { } ms ? TimeSpan.FromMilliseconds(request.AtLeast(ms, 0, "ms")) : TimeSpan.FromMinutes(10));

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = DrupalResponses.JsonContentType;
        response.ContentLength = PromisedLength;
        try
        {
            await response.Body.WriteAsync(Start, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(patience, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as the fault means it to.
        }
        // Returning would let Kestrel complain that the body is short of its Content-Length.
        context.Abort();
    }
}
