using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>A JSON content type with no body at all (status 200 unless given).</summary>
public sealed class EmptyFault(int status) : IFault
{
    public static EmptyFault From(FaultRequest request) => new(request.Status ?? StatusCodes.Status200OK);

    public Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = DrupalResponses.JsonContentType;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
