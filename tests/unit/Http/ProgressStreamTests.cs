using System.Diagnostics;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class ProgressStreamTests
{
    [Fact]
    public async Task An_upload_whose_file_stops_answering_ends_at_the_timeout()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(201, "{}"));
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(1));
        var request = new OutgoingRequest(
            HttpMethod.Post,
            server.Url("/jsonapi/file/file/field_image"),
            () => new StreamContent(new ProgressStream(new StalledFile(), 1000, null, "stalled.bin")),
            isIdempotent: false);
        var watch = Stopwatch.StartNew();

        await DrupalAssert.FailsAsync("Timeout", () => pipeline.SendAsync(request, NullLog.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_read_that_hangs_ends_at_once_when_cancelled()
    {
        var stream = new ProgressStream(new StalledFile(), 1000, null, "stalled.bin");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[100], 0, 100, cancellation.Token).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    /// <summary>A file on a share that stopped answering: a read that ignores its token and never returns.</summary>
    private sealed class StalledFile : MemoryStream
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            new TaskCompletionSource<int>().Task;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(new TaskCompletionSource<int>().Task);
    }
}
