using System.Diagnostics;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

/// <summary>A file to upload: only a regular one, opened within the time limit, and held to the length it had.</summary>
public sealed class LocalFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("drupaloauth-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_folder_is_InvalidFile()
    {
        var e = await DrupalAssert.FailsAsync("InvalidFile", () => LocalFile.OpenReadAsync(_folder, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Contains("is a folder", e.Message);
    }

    [Fact]
    public async Task A_missing_file_is_FileReadFailed() =>
        await DrupalAssert.FailsAsync("FileReadFailed", () => LocalFile.OpenReadAsync(Path.Combine(_folder, "missing"), TimeSpan.FromSeconds(5), CancellationToken.None));

    [Fact]
    public async Task A_named_pipe_nothing_writes_to_ends_at_the_time_limit()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = MakeFifo();
        var watch = Stopwatch.StartNew();

        var e = await DrupalAssert.FailsAsync("FileReadTimeout", () => LocalFile.OpenReadAsync(fifo, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(15));
        Assert.Contains("named pipe", e.Message);
    }

    [Fact]
    public async Task A_named_pipe_nothing_writes_to_ends_at_once_when_cancelled()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = MakeFifo();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LocalFile.OpenReadAsync(fifo, TimeSpan.FromMinutes(5), cancellation.Token).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_file_that_grows_while_it_is_read_is_FileChanged()
    {
        var e = await UploadChanged(path => File.AppendAllText(path, "more"));

        Assert.Contains("grew", e.Message);
    }

    [Fact]
    public async Task A_file_that_shrinks_while_it_is_read_is_FileChanged()
    {
        var e = await UploadChanged(path =>
        {
            using var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            writer.SetLength(10);
        });

        Assert.Contains("ended after 10 bytes", e.Message);
    }

    [Fact]
    public async Task A_file_read_whole_reports_its_progress_to_the_end()
    {
        var path = Path.Combine(_folder, "whole.bin");
        File.WriteAllBytes(path, new byte[200_000]);
        var seen = new List<long>();
        using var file = await LocalFile.OpenReadAsync(path, TimeSpan.FromSeconds(5), CancellationToken.None);

        await new ProgressStream(file, file.Length, (done, total) => seen.Add(done), path).CopyToAsync(Stream.Null);

        Assert.Equal(200_000, seen.Last());
    }

    /// <summary>Reads a file of 1000 bytes as an upload does, after <paramref name="change"/> changed it once it was opened.</summary>
    private async Task<DrupalOAuth.Errors.DrupalException> UploadChanged(Action<string> change)
    {
        var path = Path.Combine(_folder, "changing.bin");
        File.WriteAllBytes(path, new byte[1000]);
        using var file = await LocalFile.OpenReadAsync(path, TimeSpan.FromSeconds(5), CancellationToken.None);
        var stream = new ProgressStream(file, file.Length, null, path);
        change(path);
        return await DrupalAssert.FailsAsync("FileChanged", () => stream.CopyToAsync(Stream.Null));
    }

    private string MakeFifo()
    {
        var fifo = Path.Combine(_folder, "fifo");
        using var mkfifo = Process.Start("mkfifo", fifo);
        mkfifo.WaitForExit();
        return fifo;
    }
}
