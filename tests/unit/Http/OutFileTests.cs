using DrupalOAuth.Diagnostics;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

/// <summary>-OutFile's answer goes to a temporary file beside the target, which replaces it only when whole.</summary>
public sealed class OutFileTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(20);

    private readonly string _folder = Directory.CreateTempSubdirectory("drupaloauth-outfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_whole_answer_replaces_the_file_and_leaves_nothing_else()
    {
        var target = Existing("old");
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "new", "text/plain"));

        await Download(server, target);

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task A_new_file_is_made_when_there_was_none()
    {
        var target = Path.Combine(_folder, "new.json");
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"));

        await Download(server, target);

        Assert.Equal("{}", File.ReadAllText(target));
    }

    [Fact]
    public async Task A_broken_download_leaves_the_old_file_as_it_was_and_no_temporary_file()
    {
        var target = Existing("old");
        using var server = new LocalHttpServer(x => x.CutShortAsync());

        await DrupalAssert.FailsAsync("ConnectionLost", () => Download(server, target));

        Assert.Equal("old", File.ReadAllText(target));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task A_cancelled_download_leaves_the_old_file_as_it_was_and_no_temporary_file()
    {
        var target = Existing("old");
        using var server = new LocalHttpServer(x => x.StallAfterHeadersAsync());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Download(server, target, cancellation.Token));

        Assert.Equal("old", File.ReadAllText(target));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_OutFileFailed_and_the_request_is_not_sent_again()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, "{}"));

        var e = await DrupalAssert.FailsAsync("OutFileFailed", () => Download(server, Path.Combine(_folder, "missing", "a.json")));

        Assert.Contains("-OutFile", e.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_disk_that_fills_up_is_OutFileFailed_and_the_request_is_not_sent_again()
    {
        using var server = new LocalHttpServer(x => x.RespondAsync(200, new string('x', 300_000)));
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10), retry: new RetryPolicy(3, TimeSpan.Zero));

        var e = await DrupalAssert.FailsAsync(
            "OutFileFailed",
            () => pipeline.SendAsync(new OutgoingRequest(HttpMethod.Get, server.Url("/"), responseFile: () => new FullDisk()), NullLog.Instance, CancellationToken.None).WaitAsync(NoHang));

        Assert.Contains("No space left on device", e.Message);
        Assert.Single(server.Requests);
    }

    private string Existing(string text)
    {
        var path = Path.Combine(_folder, "answer.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task Download(LocalHttpServer server, string target, CancellationToken cancellationToken = default)
    {
        using var pipeline = new HttpPipeline(TimeSpan.FromSeconds(10), retry: new RetryPolicy(3, TimeSpan.Zero));
        var api = new ApiClient(pipeline, (_, _, _) => Task.FromResult(TestTokens.Make("access-token", DateTimeOffset.UtcNow, TimeSpan.FromHours(1))));
        await RequestClient.InvokeAsync(api, server.BaseUri, server.Url("/jsonapi"), new DrupalRequest("GET", "/answer", outFile: target), CallOptions.None, NullLog.Instance, cancellationToken).WaitAsync(NoHang);
    }

    /// <summary>A file on a disk with room for the first 64 KB only, as a full disk answers.</summary>
    private sealed class FullDisk : MemoryStream
    {
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Length + count > 65536 ? throw new IOException("No space left on device") : base.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
