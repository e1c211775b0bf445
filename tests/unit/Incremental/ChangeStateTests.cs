using System.Text;
using DrupalOAuth.Incremental;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Incremental;

public sealed class ChangeStateTests : IDisposable
{
    private const string Site = "https://www.example.com/";
    private const string Selection = "0123456789abcdef0123456789abcdef";

    private readonly string _folder = Directory.CreateTempSubdirectory("drupaloauth-state-").FullName;

    private string StateFile => Path.Combine(_folder, "articles.state.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void No_file_is_a_first_run()
    {
        Assert.Null(ChangeState.Read(StateFile));
    }

    [Fact]
    public void A_state_reads_back_as_it_was_written()
    {
        Sample(seen: new[] { "b", "a" }).Write(StateFile);

        var read = ChangeState.Read(StateFile)!;

        Assert.Equal(Site, read.Site);
        Assert.Equal("backend", read.Consumer);
        Assert.Equal("node--article", read.ResourceType);
        Assert.Equal(Selection, read.Selection);
        Assert.Equal(1_700_000_000, read.Watermark);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "ha" }, read.AtWatermark);
        Assert.Equal(new[] { "a", "b" }, read.Seen!.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Contains("\"watermarkTime\": \"2023-11-14T22:13:20+00:00\"", File.ReadAllText(StateFile));
    }

    [Fact]
    public void A_state_without_ids_or_watermark_reads_back_without_them()
    {
        new ChangeState(Site, "backend", "node--article", Selection, null, new Dictionary<string, string>(), null).Write(StateFile);

        var read = ChangeState.Read(StateFile)!;

        Assert.Null(read.Watermark);
        Assert.Null(read.Seen);
    }

    [Fact]
    public void Writing_replaces_the_old_state_whole_and_leaves_no_temporary_file()
    {
        Sample().Write(StateFile);
        new ChangeState(Site, "backend", "node--article", Selection, 1_800_000_000, new Dictionary<string, string>(), null).Write(StateFile);

        Assert.Equal(1_800_000_000, ChangeState.Read(StateFile)!.Watermark);
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_state_that_cannot_be_written_leaves_the_old_one_as_it_was()
    {
        Sample().Write(StateFile);
        var missingFolder = Path.Combine(_folder, "no-such-folder", "state.json");

        var e = DrupalAssert.Fails("StateWriteFailed", () => Sample().Write(missingFolder));

        Assert.Contains(missingFolder, e.Message);
        Assert.Equal(1_700_000_000, ChangeState.Read(StateFile)!.Watermark);
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"version\":2}")]
    [InlineData("{\"version\":1,\"site\":\"https://www.example.com/\"}")]
    [InlineData("{\"version\":1,\"site\":\"s\",\"consumer\":\"c\",\"resourceType\":\"t\",\"selection\":\"x\",\"atWatermark\":{\"a\":1}}")]
    [InlineData("")]
    public void A_damaged_file_is_InvalidState_naming_the_path(string text)
    {
        File.WriteAllText(StateFile, text, new UTF8Encoding(false));

        var e = DrupalAssert.Fails("InvalidState", () => ChangeState.Read(StateFile));

        Assert.Contains(StateFile, e.Message);
    }

    [Fact]
    public void The_same_read_passes_the_identity_check()
    {
        Sample().Check(Site, "backend", "node--article", Selection, StateFile);
    }

    [Theory]
    [InlineData("https://other.example.com/", "backend", "node--article", Selection, "site https://www.example.com/")]
    [InlineData(Site, "editor", "node--article", Selection, "client 'backend'")]
    [InlineData(Site, "backend", "node--page", Selection, "node--article, and this read is of node--page")]
    [InlineData(Site, "backend", "node--article", "ffffffffffffffffffffffffffffffff", "another -Filter")]
    public void Another_read_is_StateMismatch_naming_what_differs(string site, string consumer, string type, string selection, string named)
    {
        var e = DrupalAssert.Fails("StateMismatch", () => Sample().Check(site, consumer, type, selection, StateFile));

        Assert.Contains(named, e.Message);
        Assert.Contains(StateFile, e.Message);
    }

    private static ChangeState Sample(IReadOnlyCollection<string>? seen = null) =>
        new ChangeState(Site, "backend", "node--article", Selection, 1_700_000_000, new Dictionary<string, string> { ["a"] = "ha" }, seen);
}
