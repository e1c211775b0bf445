using System.IO.Compression;
using System.Text;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

/// <summary>The answer size limit, against a real socket: every way a body is read, counted after inflation, never retried.</summary>
public sealed class SizeLimitedStreamTests
{
    private const long OneMegabyte = 1024 * 1024;

    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    /// <summary>64 MB of spaces after <c>{"data":[</c>, gzip-compressed to about 64 KB.</summary>
    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.ASCII.GetBytes("{\"data\":["));
            var spaces = Enumerable.Repeat((byte)' ', 1024 * 1024).ToArray();
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(spaces);
            }
        }

        return compressed.ToArray();
    });

    [Fact]
    public async Task A_gzip_answer_is_counted_once_inflated_and_fails_at_the_limit_without_a_retry()
    {
        using var server = new LocalHttpServer(SendBomb);
        using var pipeline = Pipeline(OneMegabyte);

        var e = await DrupalAssert.FailsAsync("ResponseTooLarge", () => Send(pipeline, new OutgoingRequest(HttpMethod.Get, server.Url("/jsonapi"))));

        Assert.Contains($"larger than the {OneMegabyte} bytes allowed", e.Message);
        Assert.Contains("-MaximumResponseSize", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_announced_length_over_the_limit_fails_before_the_body_is_read()
    {
        using var server = new LocalHttpServer(async x =>
        {
            await x.WriteRawAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {10 * OneMegabyte}\r\nConnection: close\r\n\r\n{{\"data\":");
            await x.StallAsync();
        });
        using var pipeline = Pipeline(OneMegabyte);

        var e = await DrupalAssert.FailsAsync("ResponseTooLarge", () => Send(pipeline, new OutgoingRequest(HttpMethod.Get, server.Url("/jsonapi"))));

        Assert.Contains($"announces {10 * OneMegabyte} bytes", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_answer_read_as_it_comes_is_held_to_the_limit_too()
    {
        using var server = new LocalHttpServer(SendBomb);
        using var pipeline = Pipeline(OneMegabyte);
        var read = 0L;
        var request = new OutgoingRequest(HttpMethod.Get, server.Url("/graphql"), readResponse: async (stream, cancellation) =>
        {
            var buffer = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellation)) > 0)
            {
                read += n;
            }

            return null;
        });

        await DrupalAssert.FailsAsync("ResponseTooLarge", () => Send(pipeline, request));

        Assert.InRange(read, OneMegabyte - 81920, OneMegabyte);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_error_answer_is_held_to_the_limit_too()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(500, new string('x', (int)(2 * OneMegabyte)), "text/html"));
        using var pipeline = Pipeline(OneMegabyte);

        await DrupalAssert.FailsAsync("ResponseTooLarge", () => Send(pipeline, new OutgoingRequest(HttpMethod.Get, server.Url("/"))));
    }

    [Fact]
    public async Task A_call_may_raise_the_limit_and_0_means_none()
    {
        using var server = new LocalHttpServer(SendBomb);
        using var pipeline = Pipeline(OneMegabyte);

        foreach (var raised in new[] { 65 * OneMegabyte, 0 })
        {
            var result = await Send(pipeline, new OutgoingRequest(HttpMethod.Get, server.Url("/jsonapi"), options: new CallOptions(maximumResponseSize: raised)));
            Assert.Equal(64 * OneMegabyte + 9, result.Body.Length);
        }
    }

    [Fact]
    public async Task A_download_to_a_file_has_no_limit()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, new string('x', (int)(2 * OneMegabyte)), "application/octet-stream"));
        using var pipeline = Pipeline(OneMegabyte);
        var written = new byte[0];

        var result = await Send(pipeline, new OutgoingRequest(HttpMethod.Get, server.Url("/"), responseFile: () => new KeptStream(bytes => written = bytes)));

        Assert.True(result.BodyWrittenToFile);
        Assert.Equal(2 * OneMegabyte, written.Length);
    }

    [Theory]
    [InlineData(0, SizeLimitedStream.InMemoryMaximum)]
    [InlineData(5, 5)]
    [InlineData(long.MaxValue, SizeLimitedStream.InMemoryMaximum)]
    public void A_body_read_into_memory_is_never_allowed_more_than_an_array_holds(long limit, long effective) =>
        Assert.Equal(effective, SizeLimitedStream.Effective(limit, inMemory: true));

    [Fact]
    public void A_body_read_as_it_comes_may_have_no_limit() =>
        Assert.Equal(0, SizeLimitedStream.Effective(0, inMemory: false));

    private static HttpPipeline Pipeline(long limit) =>
        new(TimeSpan.FromSeconds(20), retry: new RetryPolicy(3, TimeSpan.Zero), maximumResponseSize: limit);

    private static Task<HttpResult> Send(HttpPipeline pipeline, OutgoingRequest request) =>
        pipeline.SendAsync(request, NullLog.Instance, CancellationToken.None).WaitAsync(NoHang);

    private static async Task SendBomb(HttpExchange x)
    {
        await x.WriteRawAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n");
        await x.WriteRawAsync(Bomb.Value);
    }

    /// <summary>A file in memory that hands over what was written to it when it is closed.</summary>
    private sealed class KeptStream(Action<byte[]> closed) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                closed(ToArray());
            }

            base.Dispose(disposing);
        }
    }
}
