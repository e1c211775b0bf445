using DrupalTestServer.Control;

namespace DrupalTestServer.Http;

/// <summary>
/// Counts every request to an API route and lets a queued fault answer it instead of the route; JSON:API requests
/// also count as in flight until their answer begins, faulted ones included.
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
        if (route != ApiRoute.JsonApi)
        {
            await Answer(context, route);
            return;
        }
        var arrival = stats.EnterJsonApi();
        var left = 0;
        // When the answer begins, before the client can see it, so that the stats it reads next include this request;
        // at the end for one that never answers (a broken connection).
        void Leave()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
                stats.LeaveJsonApi(arrival, context);
        }
        context.Response.OnStarting(() =>
        {
            Leave();
            return Task.CompletedTask;
        });
        try
        {
            await Answer(context, route);
        }
        finally
        {
            Leave();
        }
    }

    private Task Answer(HttpContext context, ApiRoute route) =>
        faults.TryTake(route) is { } fault ? fault.ApplyAsync(context, next) : next(context);
}
