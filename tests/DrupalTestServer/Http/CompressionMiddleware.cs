using DrupalTestServer.Control;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DrupalTestServer.Http;

/// <summary>
/// Compresses answers as nginx's gzip and brotli modules (or Apache's mod_deflate) do in front of Drupal: every
/// route but the control ones, whatever its content type, faults included, when the switch is on and the request's
/// Accept-Encoding allows the coding.
/// </summary>
public sealed class CompressionMiddleware(RequestDelegate next, CompressionSettings settings, ServerStats stats)
{
    public const string Gzip = "gzip";
    public const string Brotli = "br";

    public async Task InvokeAsync(HttpContext context)
    {
        var choice = settings.Choice;
        if (choice == CompressionChoice.None || IsControl(context.Request.Path))
        {
            await next(context);
            return;
        }
        var inner = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var body = new CompressingResponseBody(context, inner, Negotiate(choice, context.Request.Headers.AcceptEncoding), stats);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            context.Features.Set(inner);
        }
    }

    /// <summary>The echo route answers like an API route, so it is compressed like one.</summary>
    private static bool IsControl(PathString path) =>
        path.StartsWithSegments("/_test", StringComparison.OrdinalIgnoreCase) && ApiRoute.FromPath(path) is null;

    /// <summary>The coding to use, or null when the request accepts none of those allowed.</summary>
    private static string? Negotiate(CompressionChoice choice, StringValues acceptEncoding)
    {
        StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted);
        bool Accepts(string coding)
        {
            var named = accepted?.FirstOrDefault(value => value.Value.Equals(coding, StringComparison.OrdinalIgnoreCase));
            var entry = named ?? accepted?.FirstOrDefault(value => value.Value == "*");
            return entry is not null && entry.Quality is not 0;
        }
        return choice switch
        {
            CompressionChoice.Gzip => Accepts(Gzip) ? Gzip : null,
            CompressionChoice.Brotli => Accepts(Brotli) ? Brotli : null,
            CompressionChoice.Any => Accepts(Brotli) ? Brotli : Accepts(Gzip) ? Gzip : null,
            _ => null,
        };
    }
}
