namespace DrupalTestServer.Control.Faults;

/// <summary>The route's normal answer, given only after a wait (client time-outs).</summary>
public sealed class DelayFault(TimeSpan delay) : IFault
{
    public static DelayFault From(FaultRequest request) =>
        new(TimeSpan.FromMilliseconds(request.Ms ?? throw request.Missing("ms")));

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        await Task.Delay(delay, context.RequestAborted);
        await route(context);
    }
}
