using System.Globalization;
using System.Management.Automation;
using DrupalOAuth.Sheets;
using Xunit;
using static DrupalOAuth.Tests.Sheets.SheetSamples;

namespace DrupalOAuth.Tests.Sheets;

public sealed class RowFlattenerTests
{
    private const string IncludedTags = """
        {"type":"taxonomy_term--tags","id":"c0000001-d7a1-4c3e-9f00-000000000001","attributes":{"name":"alpha"}},
        {"type":"taxonomy_term--tags","id":"c0000002-d7a1-4c3e-9f00-000000000002","attributes":{"name":"beta; gamma"}}
        """;

    private const string LabelOnlyUser = """{"type":"user--user","id":"e0000003-d7a1-4c3e-9f00-000000000003","attributes":{"display_name":"alice"}}""";

    private static readonly BundleFields Fields = Articles();
    private static readonly IReadOnlyList<SheetColumn> Columns = Fields.Columns(includeReadOnly: false);

    [Fact]
    public void Each_column_gets_a_plain_value_a_spreadsheet_shows_as_it_is()
    {
        var cells = Cells(Flat(First), labelOf: null);

        Assert.Equal(Article1, cells["id"]);
        Assert.Equal("Article 1", cells["title"]);
        Assert.Equal("en", cells["langcode"]);
        Assert.Equal(true, cells["status"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero), cells["created"]);
        Assert.Equal("/first", cells["path.alias"]);
        Assert.Equal("<p>Body 1</p>", cells["body.value"]);
        Assert.Equal("basic_html", cells["body.format"]);
        Assert.Equal("", cells["body.summary"]);
        Assert.Equal(2L, cells["comment.status"]);
        Assert.Equal(7L, cells["field_count"]);
        Assert.Equal(4L, cells["field_rating"]);
        Assert.Equal("2024-01-02", cells["field_event_date"]);
        Assert.Equal("red; \"green; blue\"", cells["field_keywords"]);
        Assert.Null(cells["field_nothing"]);
        Assert.Null(cells["field_empty_list"]);
        Assert.Null(cells["field_image"]);
        Assert.Null(cells["field_related"]);
        Assert.Null(cells["field_late"]);
    }

    [Fact]
    public void A_timestamp_keeps_its_offset()
    {
        var cells = Cells(Flat(Second), labelOf: null);

        var created = Assert.IsType<DateTimeOffset>(cells["created"]);
        Assert.Equal(TimeSpan.FromHours(1), created.Offset);
        Assert.Equal(4.5, cells["field_rating"]);
        Assert.Null(cells["path.alias"]);
        Assert.Null(cells["body.summary"]);
    }

    [Fact]
    public void Read_only_columns_hold_their_values_when_asked_for()
    {
        var columns = Fields.Columns(includeReadOnly: true);
        var cells = columns.Select(c => c.Header).Zip(RowFlattener.Flatten(Flat(First), columns, null, CellList.DefaultDelimiter)).ToDictionary(p => p.First, p => p.Second);

        Assert.Equal(1L, cells["drupal_internal__nid"]);
        Assert.Equal(7L, cells["path.pid"]);
        Assert.Equal("<p>Body 1</p>", cells["body.processed"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 1, 0, TimeSpan.Zero), cells["changed"]);
        Assert.Equal("d0000001-d7a1-4c3e-9f00-000000000001", cells["node_type"]);
    }

    [Fact]
    public void Relationships_by_id_are_the_ids_joined()
    {
        var cells = Cells(Flat(First), labelOf: null);

        Assert.Equal(Tag1 + "; " + Tag2, cells["field_tags"]);
        Assert.Equal(Alice, cells["uid"]);
    }

    [Fact]
    public void Relationships_by_label_use_the_included_objects_own_labels_and_display_names()
    {
        var entity = Flat(First, IncludedTags + "," + LabelOnlyUser, "uid", "field_tags");

        var cells = Cells(entity, labelOf: id => throw new InvalidOperationException("looked up " + id));

        Assert.Equal("alpha; \"beta; gamma\"", cells["field_tags"]);
        Assert.Equal("alice", cells["uid"]);
        Assert.Empty(RowFlattener.RelatedIds(entity, Columns));
    }

    [Fact]
    public void Relationships_by_label_look_up_ids_without_a_label_and_keep_ids_nobody_names()
    {
        var labels = new Dictionary<string, string> { [Tag1] = "alpha" };

        var cells = Cells(Flat(First), labelOf: id => labels.TryGetValue(id, out var label) ? label : null);

        Assert.Equal("alpha; " + Tag2, cells["field_tags"]);
        Assert.Equal(Alice, cells["uid"]);
    }

    [Fact]
    public void Related_items_not_included_are_looked_up_by_their_ids()
    {
        // Drupal leaves a user the consumer may not see out of included: the item is a stub with id and type.
        var entity = Flat(First, IncludedTags, "uid", "field_tags");

        var related = RowFlattener.RelatedIds(entity, Columns).Select(p => (p.Key.Name, p.Value)).ToList();

        Assert.Equal(new[] { ("uid", Alice) }, related);
        Assert.Equal("alice", Cells(entity, id => id == Alice ? "alice" : null)["uid"]);
    }

    [Fact]
    public void RelatedIds_gives_every_bare_id_with_its_field()
    {
        var related = RowFlattener.RelatedIds(Flat(First), Columns).Select(p => (p.Key.Name, p.Value)).ToList();

        Assert.Equal(new[] { ("uid", Alice), ("field_tags", Tag1), ("field_tags", Tag2) }, related);
    }

    [Fact]
    public void A_property_missing_on_the_entity_gives_an_empty_cell()
    {
        var sparse = Flat("""{"type":"node--article","id":"x","attributes":{"title":"Only"}}""");

        var cells = RowFlattener.Flatten(sparse, Columns, null, CellList.DefaultDelimiter);

        Assert.Equal(new object?[] { "x", "Only" }, cells.Take(2));
        Assert.All(cells.Skip(2), Assert.Null);
    }

    [Fact]
    public void A_multi_value_object_field_joins_each_property_over_its_items()
    {
        const string resource = """{"type":"node--article","id":"x","attributes":{"field_links":[{"uri":"https://a","title":"A; 1"},{"uri":"https://b","title":null}]}}""";
        var fields = BundleFields.Learn("node--article", new[] { Resource(resource) });
        var columns = fields.Columns(includeReadOnly: false);

        var cells = RowFlattener.Flatten(Flat(resource), columns, null, CellList.DefaultDelimiter);

        Assert.Equal(new[] { "id", "field_links.uri", "field_links.title" }, columns.Select(c => c.Header));
        Assert.Equal(new object?[] { "x", "https://a; https://b", "\"A; 1\"; \"\"" }, cells);
    }

    [Fact]
    public void A_property_empty_on_every_item_of_a_multi_value_object_field_is_an_empty_cell()
    {
        const string resource = """{"type":"node--article","id":"x","attributes":{"field_links":[{"uri":"https://a","title":null},{"uri":"https://b","title":""}]}}""";
        var columns = BundleFields.Learn("node--article", new[] { Resource(resource) }).Columns(includeReadOnly: false);

        Assert.Equal(new object?[] { "x", "https://a; https://b", null }, RowFlattener.Flatten(Flat(resource), columns, null, CellList.DefaultDelimiter));
    }

    [Fact]
    public void The_delimiter_given_joins_lists()
    {
        var cells = RowFlattener.Flatten(Flat(First), Columns, null, " | ");

        Assert.Equal(Tag1 + " | " + Tag2, cells[Columns.ToList().FindIndex(c => c.Header == "field_tags")]);
        Assert.Equal("red | green; blue", cells[Columns.ToList().FindIndex(c => c.Header == "field_keywords")]);
    }

    public static TheoryData<string> Resources => new() { First, Second };

    /// <summary>The round trip the issue asks for: an exported row read back changes nothing, whichever way the cells travel.</summary>
    [Theory]
    [MemberData(nameof(Resources))]
    public void An_exported_row_imported_back_is_the_same_as_the_entity(string resource)
    {
        var entity = Flat(resource, IncludedTags + "," + LabelOnlyUser, "uid", "field_tags");
        var exported = RowFlattener.Flatten(entity, Columns, id => null, CellList.DefaultDelimiter);

        foreach (var cells in new[] { exported, exported.Select(AsCsv).ToArray() })
        {
            var row = new SheetRow(1, Columns.Select((c, i) => new KeyValuePair<string, object?>(c.Header, cells[i])).ToList());
            var values = RowConverter.Convert(row, Columns.ToDictionary(c => c.Header), CellList.DefaultDelimiter, clearEmpty: false);

            Assert.Empty(values.Errors);
            Assert.Equal(PowerShellValue(entity, "id"), values.Id);
            Assert.NotEmpty(values.Attributes);
            foreach (var attribute in values.Attributes)
            {
                Assert.True(SheetValues.Same(attribute.Value, PowerShellValue(entity, attribute.Key), Field(Fields, attribute.Key)), attribute.Key);
            }

            var labels = new Dictionary<string, string> { ["alpha"] = Tag1, ["beta; gamma"] = Tag2, ["alice"] = Alice };
            foreach (var reference in values.References)
            {
                Assert.True(SheetValues.SameReferences(reference.Value.Select(l => labels[l]).ToList(), PowerShellValue(entity, reference.Key)), reference.Key);
            }
        }
    }

    /// <summary>A cell as a CSV holds it: text, booleans as Excel writes them.</summary>
    private static object? AsCsv(object? cell) => cell switch
    {
        null => "",
        bool flag => flag ? "TRUE" : "FALSE",
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => CellConverter.Text(cell),
    };

    private static object? PowerShellValue(PSObject entity, string name) => entity.Properties[name]?.Value;

    private static Dictionary<string, object?> Cells(PSObject entity, Func<string, string?>? labelOf) =>
        Columns.Select(c => c.Header).Zip(RowFlattener.Flatten(entity, Columns, labelOf, CellList.DefaultDelimiter)).ToDictionary(p => p.First, p => p.Second);
}
