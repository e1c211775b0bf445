using System.Management.Automation;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Json;

public sealed class JsonToPSObjectTests
{
    [Fact]
    public void An_object_becomes_a_PSCustomObject_with_its_properties_in_order()
    {
        var result = Assert.IsType<PSObject>(Support.Json.ToPSObject("{\"title\":\"Hello\",\"id\":1,\"author\":\"admin\"}"));

        Assert.IsType<PSCustomObject>(result.BaseObject);
        Assert.Equal(new[] { "title", "id", "author" }, result.Properties.Select(p => p.Name));
        Assert.Equal("Hello", result.Properties["title"].Value);
    }

    [Fact]
    public void An_array_becomes_an_object_array()
    {
        var result = Assert.IsType<object[]>(Support.Json.ToPSObject("[1,\"two\",null]"));

        Assert.Equal(new object?[] { 1L, "two", null }, result);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-5", -5L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Integers_become_long(string json, long expected)
    {
        Assert.Equal(expected, Assert.IsType<long>(Support.Json.ToPSObject(json)));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("12345678901234567890123")]
    [InlineData("-9223372036854775809")]
    public void Integers_beyond_long_become_decimal(string json)
    {
        Assert.Equal(decimal.Parse(json), Assert.IsType<decimal>(Support.Json.ToPSObject(json)));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("-2.25E-2", -0.0225)]
    [InlineData("1795906763.85987", 1795906763.85987)]
    [InlineData("100000000000000000000000000000000", 1e32)]
    public void Fractions_exponents_and_integers_beyond_decimal_become_double(string json, double expected)
    {
        Assert.Equal(expected, Assert.IsType<double>(Support.Json.ToPSObject(json)));
    }

    [Fact]
    public void Booleans_strings_and_null_keep_their_kind()
    {
        var result = (PSObject)Support.Json.ToPSObject("{\"yes\":true,\"no\":false,\"text\":\"caf\\u00e9\",\"nothing\":null}")!;

        Assert.Equal(true, result.Properties["yes"].Value);
        Assert.Equal(false, result.Properties["no"].Value);
        Assert.Equal("café", result.Properties["text"].Value);
        Assert.Null(result.Properties["nothing"].Value);
        Assert.Null(Support.Json.ToPSObject("null"));
    }

    [Fact]
    public void Nested_objects_and_arrays_are_converted_all_the_way_down()
    {
        var result = (PSObject)Support.Json.ToPSObject("{\"articles\":{\"total\":2,\"items\":[{\"id\":1,\"tags\":[\"a\",\"b\"]},{\"id\":2,\"tags\":[]}]}}")!;

        var articles = Assert.IsType<PSObject>(result.Properties["articles"].Value);
        var items = Assert.IsType<object[]>(articles.Properties["items"].Value);
        var first = Assert.IsType<PSObject>(items[0]);
        Assert.Equal(2L, articles.Properties["total"].Value);
        Assert.Equal(1L, first.Properties["id"].Value);
        Assert.Equal(new object[] { "a", "b" }, first.Properties["tags"].Value);
        Assert.Empty(Assert.IsType<object[]>(((PSObject)items[1]).Properties["tags"].Value));
    }

    [Fact]
    public void An_empty_object_is_a_PSCustomObject_without_properties()
    {
        var result = Assert.IsType<PSObject>(Support.Json.ToPSObject("{}"));

        Assert.IsType<PSCustomObject>(result.BaseObject);
        Assert.Empty(result.Properties);
    }

    [Fact]
    public void An_empty_array_is_an_empty_object_array()
    {
        Assert.Empty(Assert.IsType<object[]>(Support.Json.ToPSObject("[]")));
    }

    [Fact]
    public void A_repeated_name_keeps_the_last_value()
    {
        var result = (PSObject)Support.Json.ToPSObject("{\"a\":1,\"b\":2,\"a\":3}")!;

        Assert.Equal(new[] { "a", "b" }, result.Properties.Select(p => p.Name));
        Assert.Equal(3L, result.Properties["a"].Value);
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_one_property_as_in_PowerShell_and_the_last_wins()
    {
        var result = (PSObject)Support.Json.ToPSObject("{\"id\":1,\"ID\":2}")!;

        Assert.Single(result.Properties);
        Assert.Equal(2L, result.Properties["id"].Value);
    }

    [Fact]
    public void The_result_reads_in_PowerShell_like_ConvertFrom_Json_output()
    {
        var data = Support.Json.ToPSObject("{\"articles\":{\"items\":[{\"title\":\"A\"},{\"title\":\"B\"}]}}");

        using var powershell = PowerShell.Create();
        var titles = powershell.AddScript("param($data) $data.articles.items.title").AddArgument(data).Invoke();

        Assert.Equal(new[] { "A", "B" }, titles.Select(t => t.BaseObject));
    }
}
