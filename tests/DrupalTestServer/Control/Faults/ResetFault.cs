namespace DrupalTestServer.Control.Faults;

/// <summary>
/// The connection broken before any answer, the route not run: the request was not processed,
/// so a client may safely send it again.
/// </summary>
public sealed class ResetFault : IFault
{
    public Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        context.Abort();
        return Task.CompletedTask;
    }
}
