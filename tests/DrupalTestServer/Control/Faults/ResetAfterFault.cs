namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The route run to its end (a mutation really executes) and then the connection broken in place of
/// its answer: the work is done but the client never learns it, so it must not blindly send it again.
/// </summary>
public sealed class ResetAfterFault : IFault
{
    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        await BufferedRoute.RunAsync(context, route);
        context.Abort();
    }
}
