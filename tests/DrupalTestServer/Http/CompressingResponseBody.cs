using System.IO.Compression;
using System.IO.Pipelines;
using DrupalTestServer.Control;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DrupalTestServer.Http;

/// <summary>
/// The response body while compression is on: whether to compress is decided when the headers go out, from the
/// status and headers the route set; a flush reaches the client (a sync flush of the compressor), so a body
/// written in chunks arrives in chunks.
/// </summary>
public sealed class CompressingResponseBody : Stream, IHttpResponseBodyFeature
{
    /// <summary>nginx's default gzip_min_length: shorter bodies of known length are sent as they are.</summary>
    private const int MinimumLength = 20;

    private readonly HttpContext context;
    private readonly IHttpResponseBodyFeature inner;
    private readonly string? coding;
    private readonly ServerStats stats;
    private Stream? compressor;
    private PipeWriter? writer;
    private bool completed;

    /// <param name="coding">The coding the request accepts, or null: then only Vary is added.</param>
    public CompressingResponseBody(HttpContext context, IHttpResponseBodyFeature inner, string? coding, ServerStats stats)
    {
        this.context = context;
        this.inner = inner;
        this.coding = coding;
        this.stats = stats;
        context.Response.OnStarting(DecideAsync);
    }

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        context.Response.HasStarted ? Task.CompletedTask : inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    /// <summary>Ends the compressed stream (its trailer) and the response; once, however often it is called.</summary>
    public async Task CompleteAsync()
    {
        if (completed)
            return;
        completed = true;
        if (writer is not null)
            await writer.CompleteAsync();
        await StartAsync();
        if (compressor is not null)
            await compressor.DisposeAsync();
        await inner.CompleteAsync();
    }

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await (compressor ?? inner.Stream).WriteAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        if (compressor is not null)
            await compressor.FlushAsync(cancellationToken);
        await inner.Stream.FlushAsync(cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Vary on every answer the switch covers, compressed or not, as gzip_vary and mod_deflate send it.</summary>
    private Task DecideAsync()
    {
        var response = context.Response;
        response.Headers.Vary = WithAcceptEncoding(response.Headers.Vary);
        var compressible = coding is not null
            && !HttpMethods.IsHead(context.Request.Method)
            && response.StatusCode is >= 200 and not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
            && response.Headers.ContentEncoding.Count == 0
            && response.ContentLength is null or >= MinimumLength;
        if (compressible)
        {
            response.Headers.ContentEncoding = coding;
            response.ContentLength = null;
            compressor = coding == CompressionMiddleware.Brotli
                ? new BrotliStream(inner.Stream, CompressionLevel.Optimal, leaveOpen: true)
                : new GZipStream(inner.Stream, CompressionLevel.Optimal, leaveOpen: true);
            stats.CountCompressed();
        }
        return Task.CompletedTask;
    }

    private static StringValues WithAcceptEncoding(StringValues vary) =>
        vary.Any(value => value?.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase) == true)
            ? vary
            : StringValues.Concat(vary, HeaderNames.AcceptEncoding);
}
