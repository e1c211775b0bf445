using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Json;

public sealed class JsonRequestWriterTests
{
    [Fact]
    public void A_hashtable_becomes_an_object()
    {
        var json = Write(new Hashtable { ["limit"] = 10, ["title"] = "News" });

        var result = (PSObject)Support.Json.ToPSObject(json)!;
        Assert.Equal(10L, result.Properties["limit"].Value);
        Assert.Equal("News", result.Properties["title"].Value);
        Assert.Equal(2, result.Properties.Count());
    }

    [Fact]
    public void An_ordered_dictionary_keeps_its_order()
    {
        var ordered = new OrderedDictionary { ["z"] = 1, ["a"] = 2, ["m"] = 3 };

        Assert.Equal("{\"z\":1,\"a\":2,\"m\":3}", Write(ordered));
    }

    [Fact]
    public void Nested_arrays_and_lists_become_arrays()
    {
        Assert.Equal("[1,\"a\",[2,[3]],[4,5]]", Write(new object[] { 1, "a", new object[] { 2, new[] { 3 } }, new List<long> { 4, 5 } }));
    }

    [Fact]
    public void A_PSCustomObject_becomes_an_object_with_its_properties_in_order()
    {
        var custom = new PSObject();
        custom.Properties.Add(new PSNoteProperty("title", "News"));
        custom.Properties.Add(new PSNoteProperty("tags", new object[] { "a", "b" }));

        Assert.Equal("{\"title\":\"News\",\"tags\":[\"a\",\"b\"]}", Write(custom));
    }

    [Fact]
    public void What_a_PowerShell_script_passes_is_written_through_its_PSObject_wrapper()
    {
        using var powershell = PowerShell.Create();
        var variables = powershell.AddScript("[ordered]@{ first = 10; after = $null; nested = [pscustomobject]@{ ok = $true }; ids = 1, 2 }").Invoke().Single();

        Assert.Equal("{\"first\":10,\"after\":null,\"nested\":{\"ok\":true},\"ids\":[1,2]}", Write(variables));
    }

    [Theory]
    [InlineData(42, "42")]
    [InlineData(42L, "42")]
    [InlineData(-7, "-7")]
    [InlineData(1.5, "1.5")]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    [InlineData(null, "null")]
    [InlineData('c', "\"c\"")]
    public void Scalars_are_written_as_their_JSON_kind(object? value, string json)
    {
        Assert.Equal(json, Write(value));
    }

    [Fact]
    public void Integers_of_every_width_and_decimals_are_numbers()
    {
        Assert.Equal("[1,2,3,4,5,6,18446744073709551615,9223372036854775807,12.50]",
            Write(new object[] { (byte)1, (sbyte)2, (short)3, (ushort)4, 5u, 6L, ulong.MaxValue, long.MaxValue, 12.50m }));
    }

    [Fact]
    public void Not_a_number_and_infinity_are_written_as_null()
    {
        Assert.Equal("[null,null]", Write(new object[] { double.NaN, double.PositiveInfinity }));
    }

    [Fact]
    public void Strings_are_escaped_and_read_back_unchanged()
    {
        const string text = "say \"hi\" <b>&</b> \\ caf\u00e9 \n";

        Assert.Equal(new object[] { text }, ReadBack(new[] { text }));
    }

    [Fact]
    public void Dates_are_written_in_ISO_8601()
    {
        Assert.Equal(new object[] { "2025-06-01T12:30:05.0000000Z", "2025-06-01T12:30:05.0000000+02:00" }, ReadBack(new object[]
        {
            new DateTime(2025, 6, 1, 12, 30, 5, DateTimeKind.Utc),
            new DateTimeOffset(2025, 6, 1, 12, 30, 5, TimeSpan.FromHours(2)),
        }));
    }

    [Fact]
    public void An_enum_is_written_by_its_name()
    {
        Assert.Equal("[\"Monday\",\"Basic\"]", Write(new object[] { DayOfWeek.Monday, DrupalOAuth.Connections.ClientAuthentication.Basic }));
    }

    [Fact]
    public void A_switch_is_a_boolean()
    {
        Assert.Equal("[true,false]", Write(new object[] { new SwitchParameter(true), new SwitchParameter(false) }));
    }

    [Fact]
    public void Any_other_object_is_written_as_its_text()
    {
        Assert.Equal("\"d3b07384-d9a0-4c9b-8f3e-5b6b5c3e0f11\"", Write(Guid.Parse("d3b07384-d9a0-4c9b-8f3e-5b6b5c3e0f11")));
    }

    [Fact]
    public void Sixty_four_levels_of_nesting_are_written()
    {
        object value = 1;
        for (var i = 0; i < 64; i++)
        {
            value = new[] { value };
        }

        Assert.Equal(new string('[', 64) + "1" + new string(']', 64), Write(value));
    }

    [Fact]
    public void A_value_that_refers_to_itself_is_refused_not_followed_forever()
    {
        var loop = new Hashtable();
        loop["self"] = loop;

        var e = DrupalAssert.Fails("InvalidValue", () => Write(loop));

        Assert.Equal(DrupalOAuth.Errors.DrupalErrorCategory.InvalidArgument, e.Category);
    }

    private static string Write(object? value) => Support.Json.Write(value);

    private static object?[] ReadBack(object value) => (object?[])Support.Json.ToPSObject(Write(value))!;
}
