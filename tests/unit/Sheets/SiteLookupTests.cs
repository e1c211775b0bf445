using System.Text.Json.Nodes;
using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class SiteLookupTests : IDisposable
{
    private readonly SheetSite _site = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Labels_are_looked_up_fifty_a_request_and_kept_for_the_session()
    {
        var labels = AddTags(120);
        var lookup = (await _site.OpenAsync()).OpenSheets().Lookup;

        var found = await lookup.FindAsync("taxonomy_term--tags", "name", labels, new[] { "name" }, _log, CancellationToken.None);
        var again = await lookup.FindAsync("taxonomy_term--tags", "name", labels.Take(60), new[] { "name" }, _log, CancellationToken.None);

        Assert.Equal(120, found.Count);
        Assert.All(labels, l => Assert.Equal(l, SiteLookup.Text(Assert.Single(found[l]), "name")));
        Assert.Equal(60, again.Count);
        Assert.Equal(3, _site.Reads.Count);
        Assert.Equal(3, lookup.Requests);
        Assert.Contains(_log.Lines, l => l.Contains("Looked up 120 taxonomy_term--tags labels in 3 requests.", StringComparison.Ordinal));
        Assert.All(_site.Reads, r => Assert.Contains("fields%5Btaxonomy_term--tags%5D=name", r.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_that_matches_nothing_is_an_empty_list_and_is_not_asked_for_again()
    {
        AddTags(2);
        var lookup = (await _site.OpenAsync()).OpenSheets().Lookup;

        var found = await lookup.FindAsync("taxonomy_term--tags", "name", new[] { "zeta", "tag 1" }, null, _log, CancellationToken.None);
        await lookup.FindAsync("taxonomy_term--tags", "name", new[] { "zeta" }, null, _log, CancellationToken.None);

        Assert.Empty(found["zeta"]);
        Assert.Single(found["tag 1"]);
        Assert.Single(_site.Reads);
    }

    [Fact]
    public async Task A_batch_whose_matches_fill_several_pages_is_read_to_the_end()
    {
        for (var i = 0; i < 70; i++)
        {
            _site.Add("taxonomy_term--tags", Guid.NewGuid().ToString(), new JsonObject { ["name"] = "same" });
        }

        var lookup = (await _site.OpenAsync()).OpenSheets().Lookup;

        var found = await lookup.FindAsync("taxonomy_term--tags", "name", new[] { "same" }, null, _log, CancellationToken.None);

        Assert.Equal(70, found["same"].Count);
        Assert.Equal(2, lookup.Requests);
    }

    [Fact]
    public async Task Text_that_differs_only_in_case_matches_when_nothing_matches_exactly()
    {
        _site.Add("taxonomy_term--tags", "t1", new JsonObject { ["name"] = "Alpha" });
        _site.Add("taxonomy_term--tags", "t2", new JsonObject { ["name"] = "beta" });
        _site.Add("taxonomy_term--tags", "t3", new JsonObject { ["name"] = "BETA" });
        var lookup = (await _site.OpenAsync()).OpenSheets().Lookup;

        var found = await lookup.FindAsync("taxonomy_term--tags", "name", new[] { "alpha", "beta" }, null, _log, CancellationToken.None);

        Assert.Equal("t1", SiteLookup.Id(Assert.Single(found["alpha"])));
        Assert.Equal("t2", SiteLookup.Id(Assert.Single(found["beta"])));
    }

    [Fact]
    public void Long_values_make_smaller_batches_so_that_the_address_stays_short()
    {
        var batches = SiteLookup.Batches(Enumerable.Range(1, 50).Select(i => new string('x', 190) + i).ToList()).ToList();
        var small = SiteLookup.Batches(Enumerable.Range(1, 120).Select(i => "t" + i).ToList()).Select(b => b.Length);

        Assert.True(batches.Count > 1);
        Assert.All(batches, b => Assert.True(b.Sum(v => Uri.EscapeDataString(v).Length + 56) <= SiteLookup.QueryBudget));
        Assert.Equal(50, batches.Sum(b => b.Length));
        Assert.Equal(new[] { 50, 50, 20 }, small);
    }

    [Fact]
    public async Task Users_a_filter_cannot_find_are_matched_among_the_listed_users()
    {
        _site.LabelOnlyUsers = true;
        _site.Add("user--user", "u-1", new JsonObject { ["display_name"] = "Alice" });
        _site.Add("user--user", "u-2", new JsonObject { ["display_name"] = "Bob" });
        var lookup = (await _site.OpenAsync()).OpenSheets().Lookup;

        var byName = await lookup.FindAsync("user--user", "name", new[] { "alice" }, SiteLookup.LabelFields("user--user"), _log, CancellationToken.None);
        var byId = await lookup.FindAsync("user--user", "id", new[] { "u-2", "u-9" }, SiteLookup.LabelFields("user--user"), _log, CancellationToken.None);

        Assert.Equal("u-1", SiteLookup.Id(Assert.Single(byName["alice"])));
        Assert.Equal("u-2", SiteLookup.Id(Assert.Single(byId["u-2"])));
        Assert.Empty(byId["u-9"]);
        Assert.Equal(3, lookup.Requests);
    }

    private List<string> AddTags(int count)
    {
        var labels = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            labels.Add("Tag " + i);
            _site.Add("taxonomy_term--tags", JsonApiDocuments.TagId(i), new JsonObject { ["name"] = "Tag " + i });
        }

        return labels;
    }
}
