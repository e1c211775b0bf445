using System.Collections.Specialized;
using System.Management.Automation;
using DrupalOAuth.Sheets;
using Xunit;
using static DrupalOAuth.Tests.Sheets.SheetSamples;

namespace DrupalOAuth.Tests.Sheets;

public sealed class SheetValuesTests
{
    private static readonly BundleFields Fields = Articles();

    public static TheoryData<string, object?, object?, bool> Scalars => new()
    {
        { "Boolean", true, true, true },
        { "Boolean", true, false, false },
        { "Boolean", false, null, false },
        { "Integer", 7L, 7L, true },
        { "Integer", 7L, 8L, false },
        { "Integer", 7L, 7.0, true },
        { "Integer", 7L, 7m, true },
        { "Integer", 7L, "7", true },
        { "Number", 4.5, 4.5, true },
        { "Number", 4.0, 4L, true },
        { "Number", 0.1, 0.1m, true },
        { "Number", 4.5, 4.25, false },
        { "Text", "a\r\nb", "a\nb", true },
        { "Text", "a\nb", "a\r\nb", true },
        { "Text", "abc", "ABC", false },
        { "Text", "abc", "abc ", false },
        { "Text", "7", 7L, true },
        { "Text", "007", "7", false },
        { "Text", "", null, false },
        { "Timestamp", "2024-01-02T03:04:05+00:00", "2024-01-02T04:04:05+01:00", true },
        { "Timestamp", "2024-01-02T03:04:05+00:00", "2024-01-02T03:04:06+00:00", false },
        { "Timestamp", "2024-01-02T00:00:00+00:00", "2024-01-02", true },
        { "Timestamp", "2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05.400+00:00", true },
        { "Date", "2024-01-02", "2024-01-02", true },
        { "Date", "2024-01-02", "2024-01-03", false },
        { "Unknown", null, null, true },
        { "Text", null, null, true },
        { "Text", null, "x", false },
        { "Integer", null, 0L, false },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalars_compare_by_value_instant_or_text(string kind, object? wanted, object? current, bool same)
    {
        Assert.Equal(same, SheetValues.Same(wanted, current, new FieldShape("f", Enum.Parse<FieldKind>(kind))));
    }

    [Fact]
    public void A_wanted_null_is_an_absent_value_or_an_empty_list()
    {
        var list = new FieldShape("f", FieldKind.Text, isList: true);

        Assert.True(SheetValues.Same(null, Array.Empty<object>(), list));
        Assert.True(SheetValues.Same(Array.Empty<object>(), null, list));
        Assert.True(SheetValues.Same(Array.Empty<object>(), Array.Empty<object>(), list));
        Assert.False(SheetValues.Same(null, new object[] { "a" }, list));
    }

    [Fact]
    public void Lists_compare_item_by_item_in_order()
    {
        var numbers = new FieldShape("f", FieldKind.Integer, isList: true);

        Assert.True(SheetValues.Same(new object[] { 1L, 2L }, new object[] { 1L, 2L }, numbers));
        Assert.True(SheetValues.Same(new object[] { 1L, 2L }, new object[] { 1.0, 2m }, numbers));
        Assert.False(SheetValues.Same(new object[] { 2L, 1L }, new object[] { 1L, 2L }, numbers));
        Assert.False(SheetValues.Same(new object[] { 1L }, new object[] { 1L, 2L }, numbers));
        Assert.False(SheetValues.Same(new object[] { 1L, 2L }, 1L, numbers));
    }

    [Fact]
    public void A_formatted_text_compares_only_the_properties_given_and_a_null_summary_is_an_empty_one()
    {
        var body = Field(Fields, "body");
        var current = Flat(First).Properties["body"].Value;

        Assert.True(SheetValues.Same(Body(("value", "<p>Body 1</p>"), ("format", "basic_html")), current, body));
        Assert.True(SheetValues.Same(Body(("value", "<p>Body 1</p>"), ("summary", null)), current, body));
        Assert.True(SheetValues.Same(Body(("value", "<p>Body 2</p>"), ("summary", "")), Flat(Second).Properties["body"].Value, body));
        Assert.True(SheetValues.Same(Body(("summary", null)), Flat(Second).Properties["body"].Value, body));
        Assert.False(SheetValues.Same(Body(("value", "<p>Body 2</p>")), current, body));
        Assert.False(SheetValues.Same(Body(("value", "<p>Body 1</p>"), ("format", "full_html")), current, body));
        Assert.False(SheetValues.Same(Body(("value", "<p>Body 1</p>"), ("summary", "short")), current, body));
        Assert.False(SheetValues.Same(Body(("value", "x")), null, body));
        Assert.False(SheetValues.Same(Body(("value", "x")), "x", body));
    }

    [Fact]
    public void An_object_from_a_dictionary_compares_the_same_way()
    {
        var current = new OrderedDictionary { ["alias"] = "/a", ["pid"] = 7L, ["langcode"] = "en" };

        Assert.True(SheetValues.Same(Body(("alias", "/a")), current, Field(Fields, "path")));
        Assert.False(SheetValues.Same(Body(("alias", "/b")), current, Field(Fields, "path")));
    }

    [Fact]
    public void Values_wrapped_in_PSObjects_compare_as_their_contents()
    {
        Assert.True(SheetValues.Same(new PSObject(7L), new PSObject(7L), new FieldShape("f", FieldKind.Integer)));
    }

    [Fact]
    public void References_compare_by_ids_in_order()
    {
        var flat = Flat(First);
        var included = Flat(First, """{"type":"taxonomy_term--tags","id":"c0000001-d7a1-4c3e-9f00-000000000001","attributes":{"name":"alpha"}}""", "field_tags", "uid");

        Assert.True(SheetValues.SameReferences(new[] { Tag1, Tag2 }, flat.Properties["field_tags"].Value));
        Assert.True(SheetValues.SameReferences(new[] { Tag1, Tag2 }, included.Properties["field_tags"].Value));
        Assert.True(SheetValues.SameReferences(new[] { Tag1.ToUpperInvariant(), Tag2 }, flat.Properties["field_tags"].Value));
        Assert.False(SheetValues.SameReferences(new[] { Tag2, Tag1 }, flat.Properties["field_tags"].Value));
        Assert.False(SheetValues.SameReferences(new[] { Tag1 }, flat.Properties["field_tags"].Value));
        Assert.True(SheetValues.SameReferences(new[] { Alice }, flat.Properties["uid"].Value));
        Assert.True(SheetValues.SameReferences(new[] { Alice }, included.Properties["uid"].Value));
        Assert.True(SheetValues.SameReferences(Array.Empty<string>(), null));
        Assert.True(SheetValues.SameReferences(Array.Empty<string>(), Array.Empty<object>()));
        Assert.False(SheetValues.SameReferences(Array.Empty<string>(), Alice));
        Assert.False(SheetValues.SameReferences(new[] { Alice }, null));
    }

    private static OrderedDictionary Body(params (string Name, object? Value)[] properties)
    {
        var body = new OrderedDictionary();
        foreach (var (name, value) in properties)
        {
            body[name] = value;
        }

        return body;
    }
}
