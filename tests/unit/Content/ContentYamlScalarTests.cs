using DrupalOAuth.Content;
using Xunit;

namespace DrupalOAuth.Tests.Content;

/// <summary>Every scalar is written as Symfony's Inline::dump and the literal-block dumper write it, and reads back as it was.</summary>
public sealed class ContentYamlScalarTests
{
    public static TheoryData<object?, string> Scalars() => new()
    {
        { "Hi", "Hi" },
        { "Test Article", "'Test Article'" },
        { "public://2026-01/image-3.png", "'public://2026-01/image-3.png'" },
        { "", "''" },
        { null, "null" },
        { true, "true" },
        { false, "false" },
        { 0L, "0" },
        { -7L, "-7" },
        { long.MaxValue, "9223372036854775807" },
        { 4.5, "4.5" },
        { 4.0, "4.0" },
        { -0.5, "-0.5" },
        { 0.1, "0.1" },
        { 0.0001, "0.0001" },
        { 1e-5, "1.0E-5" },
        { 1e13, "10000000000000.0" },
        { 1e14, "1.0E+14" },
        { 1e25, "1.0E+25" },
        { 1.5e25, "1.5E+25" },
        { "1.0", "'1.0'" },
        { "42", "'42'" },
        { "-5", "'-5'" },
        { "+5", "'+5'" },
        { "1e3", "'1e3'" },
        { ".5", "'.5'" },
        { " 1", "' 1'" },
        { "1 ", "'1 '" },
        { "012", "'012'" },
        { "0x1F", "'0x1F'" },
        { "1_000", "'1_000'" },
        { "2026-01-02", "'2026-01-02'" },
        { "2026-01-02T10:00:00Z", "'2026-01-02T10:00:00Z'" },
        { "true", "'true'" },
        { "False", "'False'" },
        { "Null", "'Null'" },
        { "null", "'null'" },
        { "~", "'~'" },
        { "yes", "'yes'" },
        { "off", "'off'" },
        { "y", "'y'" },
        { "a # b", "'a # b'" },
        { "a#b", "'a#b'" },
        { "a: b", "'a: b'" },
        { "- x", "'- x'" },
        { "-x", "'-x'" },
        { "#x", "'#x'" },
        { " lead", "' lead'" },
        { "trail ", "'trail '" },
        { "it's", "\"it's\"" },
        { "don't say \"x\"", "'don''t say \"x\"'" },
        { "'", "\"'\"" },
        { "é", "é" },
        { "Café", "Café" },
        { "中文内容", "中文内容" },
        { "Café au lait", "'Café au lait'" },
        { "a\tb", "\"a\\tb\"" },
        { "a\rb", "\"a\\rb\"" },
        { "a\r\nb", "\"a\\r\\nb\"" },
        { "nul\0", "\"nul\\0\"" },
        { "esc\u001b", "\"esc\\e\"" },
        { "del\u007f", "\"del\\x7f\"" },
        { "a\u00a0b", "\"a\\_b\"" },
        { "a\u2028b", "\"a\\Lb\"" },
        { "x\u0001", "!!binary eAE=" },
        { "back\\slash", "back\\slash" },
        { "@at", "'@at'" },
        { "%p", "'%p'" },
        { "`b", "'`b'" },
        { "!bang", "'!bang'" },
        { "&a", "'&a'" },
        { "*a", "'*a'" },
        { "?q", "'?q'" },
        { "|p", "'|p'" },
        { ">g", "'>g'" },
        { "=e", "'=e'" },
        { "[a]", "'[a]'" },
        { "{a}", "'{a}'" },
        { "a,b", "'a,b'" },
        { "a-b", "a-b" },
        { "basic_html", "basic_html" },
        { "<p>x</p>", "'<p>x</p>'" },
        { "x<p>", "x<p>" },
        { "\u2003em", "'\u2003em'" },
        { "😀 ok", "'😀 ok'" },
        { "😀", "😀" },

        // Where Symfony would write a string plain that its own parser reads as something else, we quote it.
        { "0o17", "'0o17'" },
        { ".inf", "'.inf'" },
        { "-.Inf", "'-.Inf'" },
        { ".nan", "'.nan'" },
        { "-1_000", "'-1_000'" },
        { "1_0.5", "'1_0.5'" },

        // Where Symfony would write characters raw that YAML 1.2 does not allow, we escape them.
        { "C1\u0080", "\"C1\\x80\"" },
        { "\uffff", "\"\\uffff\"" },
        { "a\n\u0081", "\"a\\n\\x81\"" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void A_scalar_is_written_as_Symfony_writes_it_and_reads_back(object? value, string expected)
    {
        var text = ContentYaml.Write(WithValue(value));

        Assert.Contains("\n      value: " + expected + "\n", text);
        var read = ContentYaml.Read(new StringReader(text), "x.yml");
        Assert.Equal(value, ContentEntity.Items(read.Fields, "field_x")[0]["value"]);
        Assert.Equal(text, ContentYaml.Write(read));
    }

    public static TheoryData<string, string> MultiLine() => new()
    {
        { "line1\nline2", "value: |-\n        line1\n        line2\n" },
        { "line1\n", "value: |\n        line1\n" },
        { "line1\n\n", "value: |+\n        line1\n\n" },
        { "a\n\nb", "value: |-\n        a\n\n        b\n" },
        { " indented\nx", "value: |2-\n         indented\n        x\n" },
        { "\n  second\n", "value: |2\n\n          second\n" },
        { "<p>Zoë's</p>\n<p>中文 #1: - x</p>", "value: |-\n        <p>Zoë's</p>\n        <p>中文 #1: - x</p>\n" },
    };

    [Theory]
    [MemberData(nameof(MultiLine))]
    public void A_multi_line_string_is_a_literal_block_that_keeps_its_line_breaks(string value, string expected)
    {
        var text = ContentYaml.Write(WithValue(value));

        Assert.Contains("\n      " + expected, text);
        var read = ContentYaml.Read(new StringReader(text), "x.yml");
        Assert.Equal(value, ContentEntity.Items(read.Fields, "field_x")[0]["value"]);
        Assert.Equal(text, ContentYaml.Write(read));
    }

    [Fact]
    public void A_last_value_without_a_final_line_break_ends_the_file_without_one_as_Symfony_does()
    {
        var entity = new ContentEntity("node", ContentYamlTests.NodeUuid, "page", "en");
        entity.Fields["field_x"] = ContentYamlTests.Field(ContentYamlTests.Item(("value", "a\nb")));

        var text = ContentYaml.Write(entity);

        Assert.EndsWith("      value: |-\n        a\n        b", text);
        Assert.Equal("a\nb", ContentEntity.Items(ContentYaml.Read(new StringReader(text), "x.yml").Fields, "field_x")[0]["value"]);
    }

    [Fact]
    public void Nested_values_round_trip_as_blocks()
    {
        var entity = new ContentEntity("node", ContentYamlTests.NodeUuid, "page", "en");
        entity.Fields["field_x"] = ContentYamlTests.Field(ContentYamlTests.Item(
            ("options", new List<object?> { "Hi", 2L, null, new List<object?> { "deep" } }),
            ("attributes", new ContentMap { ["class"] = "button", ["data"] = new ContentMap { ["x"] = 1.5 } }),
            ("links", new List<object?> { new ContentMap { ["uri"] = "internal:/" } }),
            ("empty", new ContentMap())));

        var text = ContentYaml.Write(entity);

        Assert.Contains(
            """
                  options:
                    - Hi
                    - 2
                    - null
                    -
                      - deep
                  attributes:
                    class: button
                    data:
                      x: 1.5
                  links:
                    -
                      uri: 'internal:/'
                  empty: {  }

            """.Replace("\r\n", "\n"),
            text);
        var read = ContentYaml.Read(new StringReader(text), "x.yml");
        Assert.Equal(text, ContentYaml.Write(read));
        var item = ContentEntity.Items(read.Fields, "field_x")[0];
        Assert.Equal(new List<object?> { "Hi", 2L, null, new List<object?> { "deep" } }, item["options"]);
        Assert.Equal(1.5, ((ContentMap)((ContentMap)item["attributes"]!)["data"]!)["x"]);
    }

    public static TheoryData<string, object?> Plain() => new()
    {
        { "~", null },
        { "Null", null },
        { "TRUE", true },
        { "False", false },
        { "12", 12L },
        { "-12", -12L },
        { "1_000", 1000L },
        { "012", "012" },
        { "+5", 5.0 },
        { "4.0", 4.0 },
        { "1.0E+25", 1e25 },
        { "1e3", 1000.0 },
        { "0x1F", 31L },
        { "0o17", 15L },
        { "-0o17", -15L },
        { "0x7FFFFFFFFFFFFFFF", long.MaxValue },
        { "0x10000000000000000", 18446744073709551616.0 },
        { ".inf", double.PositiveInfinity },
        { "-.inf", double.NegativeInfinity },
        { "99999999999999999999", "99999999999999999999" },
        { "yes", "yes" },
        { "on", "on" },
        { "2026-01-02", "2026-01-02" },
        { "plain text", "plain text" },
        { "'quoted 1'", "quoted 1" },
        { "\"tab\\there\"", "tab\there" },
        { "!!str 12", "12" },
        { "!!float 3", 3.0 },
        { "!!binary eAE=", "x\u0001" },
        { "value # a comment", "value" },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void A_read_scalar_is_typed_as_Symfony_types_it(string yaml, object? expected)
    {
        var text = "_meta: {entity_type: node, uuid: " + ContentYamlTests.NodeUuid + "}\ndefault:\n  field_x:\n    - value: " + yaml + "\n";

        var read = ContentYaml.Read(new StringReader(text), "x.yml");

        Assert.Equal(expected, ContentEntity.Items(read.Fields, "field_x")[0]["value"]);
    }

    private static ContentEntity WithValue(object? value)
    {
        var entity = new ContentEntity("node", ContentYamlTests.NodeUuid, "page", "en");
        entity.Fields["field_x"] = ContentYamlTests.Field(ContentYamlTests.Item(("value", value), ("format", "plain_text")));
        return entity;
    }
}
