using System.Collections;
using System.Collections.Specialized;
using DrupalOAuth.Sheets;
using Xunit;
using static DrupalOAuth.Tests.Sheets.SheetSamples;

namespace DrupalOAuth.Tests.Sheets;

public sealed class RowConverterTests
{
    private static readonly BundleFields Fields = Articles();

    [Fact]
    public void Scalar_cells_become_the_JSON_types_of_their_fields()
    {
        var row = Convert(("id", Article1), ("title", "Hello"), ("status", "yes"), ("field_count", "7"), ("field_rating", "4.5"), ("created", "2024-01-02"), ("field_event_date", "2024-03-04"));

        Assert.Equal(Article1, row.Id);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["title"] = "Hello",
            ["status"] = true,
            ["field_count"] = 7L,
            ["field_rating"] = 4.5,
            ["created"] = "2024-01-02T00:00:00+00:00",
            ["field_event_date"] = "2024-03-04",
        }, row.Attributes);
        Assert.Empty(row.Errors);
        Assert.Empty(row.References);
    }

    [Fact]
    public void Every_bad_cell_of_a_row_is_reported_with_its_column_value_and_the_forms_expected()
    {
        var row = Convert(("status", "maybe"), ("title", "ok"), ("field_count", "7.5"), ("created", "02.01.2024"), ("field_keywords", "a; b"));

        Assert.Equal(new[]
        {
            "column 'status': 'maybe' is not true or false (also 1 or 0, yes or no)",
            "column 'field_count': '7.5' is not a whole number such as 7",
            "column 'created': '02.01.2024' is not a date and time such as 2024-01-02T03:04:05+00:00, or a date such as 2024-01-02",
        }, row.Errors);
        Assert.False(row.Attributes.ContainsKey("status"));
        Assert.Equal("ok", row.Attributes["title"]);
    }

    [Fact]
    public void The_sheets_own_header_names_the_column_in_an_error()
    {
        var row = Convert(("STATUS", "maybe"));

        Assert.Equal("column 'STATUS': 'maybe' is not true or false (also 1 or 0, yes or no)", Assert.Single(row.Errors));
    }

    [Fact]
    public void Empty_cells_send_nothing()
    {
        var row = Convert(("id", ""), ("title", " "), ("status", null), ("body.value", ""), ("body.summary", ""), ("field_tags", ""), ("field_keywords", ""));

        Assert.Null(row.Id);
        Assert.Empty(row.Attributes);
        Assert.Empty(row.References);
        Assert.True(row.IsBlank);
    }

    [Fact]
    public void With_ClearEmpty_empty_cells_empty_their_fields()
    {
        var row = Convert(clearEmpty: true, ("title", ""), ("status", null), ("body.value", ""), ("body.summary", ""), ("field_tags", ""), ("uid", ""), ("field_keywords", ""));

        Assert.Null(row.Attributes["title"]);
        Assert.Null(row.Attributes["status"]);
        Assert.Null(row.Attributes["body"]);
        Assert.Equal(Array.Empty<object>(), row.Attributes["field_keywords"]);
        Assert.Empty(row.References["field_tags"]);
        Assert.Empty(row.References["uid"]);
        Assert.True(row.IsBlank);
    }

    [Fact]
    public void A_row_with_any_value_or_error_is_not_blank()
    {
        Assert.False(Convert(("id", Article1)).IsBlank);
        Assert.False(Convert(("title", "x")).IsBlank);
        Assert.False(Convert(("status", "maybe")).IsBlank);
        Assert.False(Convert(("field_tags", "alpha")).IsBlank);
        Assert.False(Convert(clearEmpty: true, ("title", ""), ("status", "1")).IsBlank);
        Assert.False(Convert(("path.alias", "/a")).IsBlank);
    }

    [Fact]
    public void Dotted_columns_make_one_object_in_the_sites_property_order()
    {
        var row = Convert(("body.summary", "Short"), ("body.format", "full_html"), ("body.value", "<p>Long</p>"), ("path.alias", "/hello"));

        var body = Assert.IsAssignableFrom<IDictionary>(row.Attributes["body"]);
        Assert.Equal(new object[] { "value", "format", "summary" }, body.Keys.Cast<object>());
        Assert.Equal(new object[] { "<p>Long</p>", "full_html", "Short" }, body.Values.Cast<object>());
        Assert.Equal(new object[] { "alias" }, ((IDictionary)row.Attributes["path"]!).Keys.Cast<object>());
    }

    [Fact]
    public void A_formatted_text_without_a_format_gets_the_sites_format()
    {
        var noColumn = Convert(("body.value", "<p>Hi</p>"));
        var emptyCell = Convert(("body.value", "<p>Hi</p>"), ("body.format", ""));
        var summaryOnly = Convert(("body.summary", "s"));

        Assert.Equal("basic_html", ((IDictionary)noColumn.Attributes["body"]!)["format"]);
        Assert.Equal("basic_html", ((IDictionary)emptyCell.Attributes["body"]!)["format"]);
        Assert.False(((IDictionary)summaryOnly.Attributes["body"]!).Contains("format"));
    }

    [Fact]
    public void A_plain_column_for_a_formatted_text_is_its_value_in_the_sites_format()
    {
        var row = Convert(("body", "<p>Plain</p>"));

        var body = (IDictionary)row.Attributes["body"]!;
        Assert.Equal(new object[] { "value", "format" }, body.Keys.Cast<object>());
        Assert.Equal(new object[] { "<p>Plain</p>", "basic_html" }, body.Values.Cast<object>());
    }

    [Fact]
    public void A_plain_column_for_another_object_is_an_error_naming_the_columns_to_use()
    {
        var row = Convert(("path", "/hello"));

        Assert.Equal("column 'path': path is made of several values; use the columns path.alias, path.langcode instead", Assert.Single(row.Errors));
        Assert.False(row.Attributes.ContainsKey("path"));
    }

    [Fact]
    public void Read_only_columns_and_the_type_column_are_ignored()
    {
        var columns = new Dictionary<string, SheetColumn>
        {
            ["changed"] = Fields.Column("changed")!,
            ["body.processed"] = Fields.Column("body.processed")!,
            ["node_type"] = Fields.Column("node_type")!,
            ["comment.comment_count"] = Fields.Column("comment.comment_count")!,
            ["type"] = Fields.Column("title")!,
        };

        var row = RowConverter.Convert(Row(("changed", "x"), ("body.processed", "<p>x</p>"), ("node_type", "article"), ("comment.comment_count", "4"), ("type", "node--article")), columns, CellList.DefaultDelimiter, clearEmpty: true);

        Assert.True(row.IsBlank);
        Assert.Empty(row.Attributes);
    }

    [Fact]
    public void Multi_value_cells_split_into_lists_of_the_item_kind()
    {
        var fields = BundleFields.Learn("node--article", new[] { Resource("""{"type":"node--article","id":"x","attributes":{"field_numbers":[1,2],"field_words":["a"]}}""") });

        var row = RowConverter.Convert(Row(("field_numbers", "3; 4;5"), ("field_words", "\"a; b\"; c")), Columns(fields, "field_numbers", "field_words"), CellList.DefaultDelimiter, clearEmpty: false);

        Assert.Equal(new object[] { 3L, 4L, 5L }, row.Attributes["field_numbers"]);
        Assert.Equal(new object[] { "a; b", "c" }, row.Attributes["field_words"]);
    }

    [Fact]
    public void Each_bad_item_of_a_list_is_reported()
    {
        var fields = BundleFields.Learn("node--article", new[] { Resource("""{"type":"node--article","id":"x","attributes":{"field_numbers":[1,2]}}""") });

        var row = RowConverter.Convert(Row(("field_numbers", "3; x; 4.5")), Columns(fields, "field_numbers"), CellList.DefaultDelimiter, clearEmpty: false);

        Assert.Equal(new[] { "column 'field_numbers': 'x' is not a whole number such as 7", "column 'field_numbers': '4.5' is not a whole number such as 7" }, row.Errors);
    }

    [Fact]
    public void A_typed_cell_of_a_list_field_is_a_list_of_one()
    {
        var fields = BundleFields.Learn("node--article", new[] { Resource("""{"type":"node--article","id":"x","attributes":{"field_numbers":[1,2]}}""") });

        var row = RowConverter.Convert(Row(("field_numbers", 3.0)), Columns(fields, "field_numbers"), CellList.DefaultDelimiter, clearEmpty: false);

        Assert.Equal(new object[] { 3L }, row.Attributes["field_numbers"]);
    }

    [Fact]
    public void Cells_wrapped_in_PSObjects_convert_as_their_contents()
    {
        var row = Convert(("field_keywords", new System.Management.Automation.PSObject("a; b")), ("status", new System.Management.Automation.PSObject("1")), ("field_tags", new System.Management.Automation.PSObject("alpha; beta")));

        Assert.Equal(new object[] { "a", "b" }, row.Attributes["field_keywords"]);
        Assert.Equal(true, row.Attributes["status"]);
        Assert.Equal(new[] { "alpha", "beta" }, row.References["field_tags"]);
    }

    [Fact]
    public void The_delimiter_given_splits_the_cells()
    {
        var row = Convert("|", clearEmpty: false, ("field_keywords", "a; b|c"), ("field_tags", "alpha | beta"));

        Assert.Equal(new object[] { "a; b", "c" }, row.Attributes["field_keywords"]);
        Assert.Equal(new[] { "alpha", "beta" }, row.References["field_tags"]);
    }

    [Fact]
    public void Relationship_cells_become_the_names_they_hold()
    {
        var row = Convert(("field_tags", "alpha; \"beta; gamma\""), ("uid", " alice; the admin "));

        Assert.Equal(new[] { "alpha", "beta; gamma" }, row.References["field_tags"]);
        Assert.Equal(new[] { "alice; the admin" }, row.References["uid"]);
        Assert.Empty(row.Attributes);
    }

    [Fact]
    public void A_multi_value_object_field_takes_its_items_from_each_dotted_column_in_turn()
    {
        var fields = BundleFields.Learn("node--article", new[] { Resource("""{"type":"node--article","id":"x","attributes":{"field_links":[{"uri":"https://a","title":"A"}]}}""") });

        var row = RowConverter.Convert(Row(("field_links.uri", "https://a; https://b"), ("field_links.title", "A; B")), Columns(fields, "field_links.uri", "field_links.title"), CellList.DefaultDelimiter, clearEmpty: false);

        var links = Assert.IsType<object[]>(row.Attributes["field_links"]).Cast<OrderedDictionary>().ToArray();
        Assert.Equal(2, links.Length);
        Assert.Equal("https://b", links[1]["uri"]);
        Assert.Equal("B", links[1]["title"]);
    }

    [Fact]
    public void A_dotted_column_of_a_field_null_everywhere_makes_an_object_of_text()
    {
        var row = Convert(("field_nothing.value", 7.0));

        Assert.Equal("7", ((IDictionary)row.Attributes["field_nothing"]!)["value"]);
    }

    [Fact]
    public void Cells_of_unknown_fields_go_as_their_text()
    {
        var row = Convert(("field_nothing", 7.0), ("field_late", true));

        Assert.Equal("7", row.Attributes["field_nothing"]);
        Assert.Equal("true", row.Attributes["field_late"]);
    }

    [Fact]
    public void Headers_without_a_column_are_left_to_the_caller()
    {
        var row = RowConverter.Convert(Row(("nope", "x"), ("title", "T")), Columns(Fields, "title"), CellList.DefaultDelimiter, clearEmpty: false);

        Assert.Equal(new[] { "title" }, row.Attributes.Keys);
    }

    private static RowValues Convert(params (string Header, object? Cell)[] cells) => Convert(CellList.DefaultDelimiter, false, cells);

    private static RowValues Convert(bool clearEmpty, params (string Header, object? Cell)[] cells) => Convert(CellList.DefaultDelimiter, clearEmpty, cells);

    private static RowValues Convert(string delimiter, bool clearEmpty, params (string Header, object? Cell)[] cells) =>
        RowConverter.Convert(Row(cells), Columns(Fields, cells.Select(c => c.Header).ToArray()), delimiter, clearEmpty);

    private static SheetRow Row(params (string Header, object? Cell)[] cells) =>
        new(1, cells.Select(c => new KeyValuePair<string, object?>(c.Header, c.Cell)).ToList());

    /// <summary>The columns as the caller finds them: by header, those that name nothing left out.</summary>
    private static Dictionary<string, SheetColumn> Columns(BundleFields fields, params string[] headers) =>
        headers.Select(h => (h, column: fields.Column(h))).Where(c => c.column != null).ToDictionary(c => c.h, c => c.column!);
}
