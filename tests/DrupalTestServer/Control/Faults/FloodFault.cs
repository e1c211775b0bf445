using System.IO.Compression;
using System.Text;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>
/// A 200 that starts as the route's kind of answer (<c>body</c>, by default <c>{"data":[</c>) and goes on with
/// about <c>mb</c> megabytes of spaces, which JSON readers skip, made as it is sent, so nothing of it is held here.
/// <c>gzipbomb</c> sends it gzip-compressed whatever the client accepts (Content-Encoding: gzip, no Content-Length:
/// 16 GB of it is about 16 MB on the wire); <c>huge</c> sends it as it is, announcing its length unless
/// <c>contentLength</c> is false. For clients' answer size limits: a client that reads it whole runs out of memory.
/// </summary>
public sealed class FloodFault(long megabytes, string start, string contentType, bool gzip, bool announce) : IFault
{
    private const int ChunkBytes = 64 * 1024;

    private static readonly byte[] Spaces = Enumerable.Repeat((byte)' ', ChunkBytes).ToArray();

    public static FloodFault Gzip(FaultRequest request) => From(request, gzip: true);

    public static FloodFault Plain(FaultRequest request) => From(request, gzip: false);

    private static FloodFault From(FaultRequest request, bool gzip) =>
        new(request.AtLeast(request.Mb ?? throw request.Missing("mb"), 1, "mb"), request.Body ?? "{\"data\":[", request.ContentType ?? DrupalResponses.JsonContentType, gzip, !gzip && request.ContentLength != false);

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        var head = Encoding.UTF8.GetBytes(start);
        var length = megabytes * 1024 * 1024;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }
        else if (announce)
        {
            response.ContentLength = head.Length + length;
        }

        try
        {
            var compressed = gzip ? new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true) : null;
            var body = compressed ?? response.Body;
            await body.WriteAsync(head, aborted);
            for (var sent = 0L; sent < length; sent += ChunkBytes)
            {
                await body.WriteAsync(Spaces.AsMemory(0, (int)Math.Min(ChunkBytes, length - sent)), aborted);
            }

            if (compressed is not null)
                await compressed.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException || e is IOException)
        {
            // The client stopped reading, as a client with a size limit should.
            context.Abort();
        }
    }
}
