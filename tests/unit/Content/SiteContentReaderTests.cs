using System.Text.Json.Nodes;
using DrupalOAuth.Content;
using DrupalOAuth.Tests.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

public sealed class SiteContentReaderTests : IDisposable
{
    private const string Article = "00000001-d7a1-4c3e-9f00-000000000001";
    private const string NotOnSite = "00000099-d7a1-4c3e-9f00-000000000099";
    private const string GoneTag = "dead0000-0000-4000-8000-000000000001";

    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_folder_s_entity_the_site_does_not_have_is_only_counted_and_what_cannot_be_read_is_returned()
    {
        _site.Add("node--article", Article, new JsonObject { ["langcode"] = "en", ["title"] = "Article 1", ["status"] = true }, new JsonObject
        {
            ["field_tags"] = SheetSite.ToMany("taxonomy_term--tags", new[] { GoneTag }),
        });
        var folder = new[] { new ContentEntity("node", Article, "article", "en"), new ContentEntity("node", NotOnSite, "article", "en") };
        var session = (await _site.OpenAsync()).OpenContent();
        var walker = new ContentWalker(session, null, folder.Select(e => new KeyValuePair<string, string>(e.TypeName, e.Uuid)).ToList(), new ContentWalkOptions { Dependencies = true, Languages = Array.Empty<string>() });
        var reader = new SiteContentReader(session, walker);
        var read = await ReadAsync(reader);

        var unread = reader.FailuresBesides(folder, out var notOnSite);

        Assert.Equal(Article, Assert.Single(read).Uuid);
        Assert.Equal(2, reader.Failures.Count);
        Assert.Equal(1, notOnSite);
        Assert.Equal(GoneTag, Assert.Single(unread).Uuid);
    }

    [Fact]
    public async Task Without_a_folder_every_failure_is_returned()
    {
        var session = (await _site.OpenAsync()).OpenContent();
        var walker = new ContentWalker(session, null, new[] { new KeyValuePair<string, string>("node--article", NotOnSite) }, new ContentWalkOptions { Languages = Array.Empty<string>() });
        var reader = new SiteContentReader(session, walker);
        await ReadAsync(reader);

        var unread = reader.FailuresBesides(null, out var notOnSite);

        Assert.Equal(0, notOnSite);
        Assert.Equal(NotOnSite, Assert.Single(unread).Uuid);
    }

    private async Task<List<ContentEntity>> ReadAsync(SiteContentReader reader)
    {
        var read = new List<ContentEntity>();
        while (await reader.NextAsync(_log, CancellationToken.None) is { } batch)
        {
            read.AddRange(batch);
        }

        return read;
    }
}
