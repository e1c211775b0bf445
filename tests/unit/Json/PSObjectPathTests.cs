using System.Management.Automation;
using DrupalOAuth.Json;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Json;

public sealed class PSObjectPathTests
{
    private static readonly object? Data = Support.Json.ToPSObject(
        "{\"nodeQuery\":{\"count\":3,\"entities\":[{\"title\":\"A\",\"tags\":[\"x\",\"y\"]},{\"title\":\"B\",\"tags\":[]},{\"title\":\"C\",\"tags\":[\"z\"]}]},\"nothing\":null,\"empty\":[]}");

    [Fact]
    public void A_dotted_path_yields_the_items_of_the_array_at_its_end_one_by_one()
    {
        var items = PSObjectPath.Expand(Data, "nodeQuery.entities");

        Assert.Equal(3, items.Count);
        Assert.Equal(new[] { "A", "B", "C" }, items.Select(i => ((PSObject)i!).Properties["title"].Value));
    }

    [Fact]
    public void A_path_to_a_single_value_yields_that_value()
    {
        Assert.Equal(new object[] { 3L }, PSObjectPath.Expand(Data, "nodeQuery.count"));
    }

    [Fact]
    public void Arrays_on_the_way_are_walked_item_by_item_like_member_enumeration()
    {
        Assert.Equal(new object[] { "A", "B", "C" }, PSObjectPath.Expand(Data, "nodeQuery.entities.title"));
        Assert.Equal(new object[] { "x", "y", "z" }, PSObjectPath.Expand(Data, "nodeQuery.entities.tags"));
    }

    [Fact]
    public void Field_names_match_regardless_of_case_and_surrounding_blanks()
    {
        Assert.Equal(3, PSObjectPath.Expand(Data, " NodeQuery . Entities ").Count);
    }

    [Fact]
    public void A_missing_field_is_an_error_that_lists_the_fields_there_are()
    {
        var e = DrupalAssert.Fails("ExpandPathNotFound", () => PSObjectPath.Expand(Data, "nodeQuery.nodes"));

        Assert.Contains("'nodeQuery'", e.Message);
        Assert.Contains("'nodes'", e.Message);
        Assert.Contains("count, entities", e.Message);
        Assert.Equal("nodeQuery.nodes", e.Target);
    }

    [Fact]
    public void A_missing_first_field_names_the_response_data()
    {
        var e = DrupalAssert.Fails("ExpandPathNotFound", () => PSObjectPath.Expand(Data, "articles"));

        Assert.Contains("the response data has no field 'articles'", e.Message);
        Assert.Contains("nodeQuery, nothing, empty", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("nodeQuery. .entities")]
    [InlineData(null)]
    public void A_path_without_field_names_is_refused(string? path)
    {
        DrupalAssert.Fails("InvalidExpandPath", () => PSObjectPath.Expand(Data, path!));
    }

    [Fact]
    public void A_null_on_the_way_yields_nothing()
    {
        Assert.Empty(PSObjectPath.Expand(Data, "nothing.entities.title"));
    }

    [Fact]
    public void An_empty_array_at_the_end_yields_nothing()
    {
        Assert.Empty(PSObjectPath.Expand(Data, "empty"));
    }

    [Fact]
    public void A_null_root_yields_nothing()
    {
        Assert.Empty(PSObjectPath.Expand(null, "nodeQuery.entities"));
    }
}
