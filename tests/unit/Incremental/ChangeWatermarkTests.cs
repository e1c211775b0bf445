using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Incremental;
using Xunit;

namespace DrupalOAuth.Tests.Incremental;

public sealed class ChangeWatermarkTests
{
    private const long W = 1_700_000_000;

    [Fact]
    public void A_first_run_writes_everything_and_ends_at_the_highest_changed_with_its_items()
    {
        var watermark = new ChangeWatermark(null, null);

        Assert.True(watermark.Admit("a", W - 5, "ha"));
        Assert.True(watermark.Admit("b", W, "hb"));
        Assert.True(watermark.Admit("c", W, "hc"));

        Assert.Equal(W, watermark.Watermark);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "hb", ["c"] = "hc" }, watermark.AtWatermark);
    }

    [Fact]
    public void An_item_written_at_the_watermark_and_unchanged_is_not_written_twice()
    {
        var watermark = new ChangeWatermark(W, new Dictionary<string, string> { ["b"] = "hb" });

        Assert.False(watermark.Admit("b", W, "hb"));

        // Still at W: the next run must skip it again.
        Assert.Equal(W, watermark.Watermark);
        Assert.Equal("hb", watermark.AtWatermark["b"]);
    }

    [Fact]
    public void An_item_changed_again_within_the_same_second_is_written_again()
    {
        var watermark = new ChangeWatermark(W, new Dictionary<string, string> { ["b"] = "hb" });

        Assert.True(watermark.Admit("b", W, "hb-changed"));
        Assert.Equal("hb-changed", watermark.AtWatermark["b"]);
    }

    [Fact]
    public void A_new_item_at_the_old_watermark_is_written()
    {
        var watermark = new ChangeWatermark(W, new Dictionary<string, string> { ["b"] = "hb" });

        Assert.True(watermark.Admit("a", W, "ha"));
    }

    [Fact]
    public void A_later_change_moves_the_watermark_and_forgets_the_items_of_the_old_second()
    {
        var watermark = new ChangeWatermark(W, new Dictionary<string, string> { ["b"] = "hb" });

        Assert.False(watermark.Admit("b", W, "hb"));
        Assert.True(watermark.Admit("b", W + 7, "hb2"));
        Assert.True(watermark.Admit("d", W + 9, "hd"));

        Assert.Equal(W + 9, watermark.Watermark);
        Assert.Equal(new Dictionary<string, string> { ["d"] = "hd" }, watermark.AtWatermark);
    }

    [Fact]
    public void A_run_that_reads_nothing_keeps_the_watermark()
    {
        var watermark = new ChangeWatermark(W, new Dictionary<string, string> { ["b"] = "hb" });

        Assert.Equal(W, watermark.Watermark);
        Assert.Empty(watermark.AtWatermark);
    }

    [Fact]
    public void The_hash_is_the_same_for_equal_objects_and_differs_when_a_value_does()
    {
        var first = Entity("Article 1", 1L);
        var same = Entity("Article 1", 1L);
        var other = Entity("Article 1 changed", 1L);

        Assert.Equal(ChangeWatermark.Hash(first), ChangeWatermark.Hash(same));
        Assert.NotEqual(ChangeWatermark.Hash(first), ChangeWatermark.Hash(other));
        Assert.Matches("^[0-9a-f]{32}$", ChangeWatermark.Hash(first));
    }

    [Fact]
    public void The_hash_is_the_same_in_every_process_and_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            // SHA-256 of {"id":…,"field_score":2.5,…} (checked with another tool): never a per-process string hash, never "2,5".
            Assert.Equal("b807de8b12cf2c709c12a677e6a4621d", ChangeWatermark.Hash(Entity("Article 1", 2.5)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void ChangedSince_counts_a_second_only_when_it_begins_at_or_after_the_time()
    {
        Assert.Equal(W, ChangeReader.Seconds(DateTimeOffset.FromUnixTimeSeconds(W)));
        Assert.Equal(W + 1, ChangeReader.Seconds(DateTimeOffset.FromUnixTimeSeconds(W).AddMilliseconds(1)));
        Assert.Equal(W, ChangeReader.Seconds(DateTimeOffset.FromUnixTimeSeconds(W).ToOffset(TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData("2023-11-14T22:13:20+00:00")]
    [InlineData("2023-11-14T23:13:20+01:00")]
    [InlineData("1700000000")]
    public void Changed_reads_Drupals_text_and_Unix_seconds(string text)
    {
        Assert.Equal(W, ChangeReader.Changed(text));
        Assert.Equal(W, ChangeReader.Changed(W));
        Assert.Null(ChangeReader.Changed("yesterday"));
        Assert.Null(ChangeReader.Changed(null));
    }

    private static PSObject Entity(string title, object score)
    {
        var entity = new PSObject();
        entity.Properties.Add(new PSNoteProperty("id", "00000001-d7a1-4c3e-9f00-000000000001"));
        entity.Properties.Add(new PSNoteProperty("type", "node--article"));
        entity.Properties.Add(new PSNoteProperty("title", title));
        entity.Properties.Add(new PSNoteProperty("field_score", score));
        entity.Properties.Add(new PSNoteProperty("field_tags", new object[] { "t1", "t2" }));
        entity.Properties.Add(new PSNoteProperty("body", new Hashtable { ["value"] = "<p>x</p>" }));
        return entity;
    }
}
