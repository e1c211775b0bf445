using DrupalTestServer.Control;

namespace DrupalTestServer.Http;

/// <summary>Counts every request to an API route and lets a queued fault answer it instead of the route.</summary>
public sealed class TrafficMiddleware(RequestDelegate next, ServerStats stats, FaultInjector faults)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (ApiRoute.FromPath(context.Request.Path) is not { } route)
            return next(context);
        stats.Count(route, context.Request);
        return faults.TryTake(route) is { } fault ? fault.ApplyAsync(context, next) : next(context);
    }
}
