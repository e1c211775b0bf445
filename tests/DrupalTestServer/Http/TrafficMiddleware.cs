using DrupalTestServer.Control;

namespace DrupalTestServer.Http;

/// <summary>
/// Counts every request to an API route and lets a queued fault answer it instead of the route; JSON:API requests
/// also count as in flight until their answer is complete, faulted ones included.
/// </summary>
public sealed class TrafficMiddleware(RequestDelegate next, ServerStats stats, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiRoute.FromPath(context.Request.Path) is not { } route)
        {
            await next(context);
            return;
        }
        stats.Count(route, context.Request);
        var arrival = route == ApiRoute.JsonApi ? stats.EnterJsonApi() : (JsonApiArrival?)null;
        try
        {
            await (faults.TryTake(route) is { } fault ? fault.ApplyAsync(context, next) : next(context));
        }
        finally
        {
            if (arrival is { } started)
                stats.LeaveJsonApi(started, context);
        }
    }
}
