using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using DrupalOAuth.Json;
using Xunit;

namespace DrupalOAuth.Tests.Json;

public sealed class JsonValueReaderTests
{
    [Fact]
    public void The_items_of_an_array_share_their_property_name_strings()
    {
        var items = Read("[{\"title\":\"a\",\"nid\":1},{\"title\":\"b\",\"nid\":2}]");

        var first = ((PSObject)items[0]!).Properties.Select(p => p.Name).ToArray();
        var second = ((PSObject)items[1]!).Properties.Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "title", "nid" }, second);
        Assert.Same(first[0], second[0]);
        Assert.Equal(new object[] { "b", 2L }, ((PSObject)items[1]!).Properties.Select(p => p.Value));
    }

    [Fact]
    public void An_item_whose_names_differ_from_the_one_before_gets_its_own()
    {
        var items = Read("[{\"a\":1,\"b\":2},{\"a\":1,\"c\":3,\"d\":4},{\"a\":5}]");

        Assert.Equal(new[] { "a", "c", "d" }, ((PSObject)items[1]!).Properties.Select(p => p.Name));
        Assert.Equal(new[] { "a" }, ((PSObject)items[2]!).Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_repeated_name_keeps_the_last_value_also_after_items_without_repeats()
    {
        var items = Read("[{\"a\":1,\"b\":2},{\"a\":1,\"A\":3},{\"a\":1,\"A\":4}]");

        var second = (PSObject)items[1]!;
        Assert.Single(second.Properties);
        Assert.Equal(3L, second.Properties["a"].Value);
        Assert.Equal(4L, ((PSObject)items[2]!).Properties["a"].Value);
    }

    [Fact]
    public void Escaped_names_and_values_are_told_apart_from_plain_ones()
    {
        var items = Read("[{\"ab\":\"en\"},{\"a\\u0062\":\"e\\u006e\"},{\"ac\":\"en\"},{\"ab\":\"es\"}]");

        Assert.Equal("ab", ((PSObject)items[1]!).Properties.Single().Name);
        Assert.Equal("en", ((PSObject)items[1]!).Properties.Single().Value);
        Assert.Equal("ac", ((PSObject)items[2]!).Properties.Single().Name);
        Assert.Equal("es", ((PSObject)items[3]!).Properties.Single().Value);
    }

    [Fact]
    public void Repeated_short_values_come_back_right_and_unique_ones_too()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"{{\"lang\":\"en\",\"title\":\"Article {i}\"}}")) + "]";
        var items = Read(json).Cast<PSObject>().ToArray();

        Assert.All(items, item => Assert.Equal("en", item.Properties["lang"].Value));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Article {i}"), items.Select(item => (string)item.Properties["title"].Value));
        Assert.Same(items[0].Properties["lang"].Value, items[39].Properties["lang"].Value);
    }

    [Theory]
    [InlineData("-129", -129L)]
    [InlineData("-128", -128L)]
    [InlineData("1024", 1024L)]
    [InlineData("1025", 1025L)]
    public void Integers_around_the_boxed_ones_keep_their_value(string json, long expected)
    {
        Assert.Equal(expected, Assert.IsType<long>(JsonToPSObject.Parse(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void As_hashtables_objects_are_ordered_dictionaries_that_keep_keys_differing_only_in_case()
    {
        // As ConvertFrom-Json -AsHashtable in PowerShell 7.6: {"a":1,"A":2} has two keys, and lookups match case.
        var result = Assert.IsType<OrderedDictionary>(JsonToPSObject.Parse(Encoding.UTF8.GetBytes("{\"b\":1,\"a\":{\"x\":[true,null]},\"B\":2,\"b\":3}"), asHashtable: true));

        Assert.Equal(new[] { "b", "a", "B" }, result.Keys.Cast<string>());
        Assert.Equal(3L, result["b"]);
        Assert.Equal(2L, result["B"]);
        var inner = Assert.IsType<OrderedDictionary>(result["a"]);
        Assert.Equal(new object?[] { true, null }, Assert.IsType<object[]>(inner["x"]));
        Assert.Null(inner["X"]);
    }

    [Fact]
    public void A_property_without_a_name_is_left_out()
    {
        var result = (PSObject)JsonToPSObject.Parse(Encoding.UTF8.GetBytes("{\"\":1,\"a\":2}"))!;

        Assert.Equal(new[] { "a" }, result.Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    public void Anything_but_one_JSON_value_fails(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonToPSObject.Parse(Encoding.UTF8.GetBytes(json)));
    }

    private static object?[] Read(string json) => Assert.IsType<object[]>(JsonToPSObject.Parse(Encoding.UTF8.GetBytes(json)));
}
