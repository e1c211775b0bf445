using DrupalOAuth.Sheets;
using Xunit;
using static DrupalOAuth.Tests.Sheets.SheetSamples;

namespace DrupalOAuth.Tests.Sheets;

public sealed class BundleFieldsTests
{
    [Fact]
    public void Fields_keep_Drupals_order_attributes_then_relationships_and_later_fields_come_last()
    {
        var fields = Articles();

        Assert.Equal(
            new[]
            {
                "drupal_internal__nid", "drupal_internal__vid", "langcode", "revision_timestamp", "revision_log", "status", "title", "created", "changed",
                "promote", "sticky", "default_langcode", "revision_translation_affected", "content_translation_source", "content_translation_outdated",
                "path", "body", "comment", "field_count", "field_rating", "field_event_date", "field_keywords", "field_nothing", "field_empty_list",
                "node_type", "revision_uid", "uid", "field_image", "field_tags", "field_related", "field_late",
            },
            fields.Fields.Select(f => f.Name));
        Assert.Equal("node--article", fields.TypeName);
        Assert.Equal("title", fields.LabelField);
    }

    [Theory]
    [InlineData("status", "Boolean")]
    [InlineData("title", "Text")]
    [InlineData("created", "Timestamp")]
    [InlineData("field_count", "Integer")]
    [InlineData("field_rating", "Number")]
    [InlineData("field_event_date", "Date")]
    [InlineData("field_keywords", "Text")]
    [InlineData("field_nothing", "Unknown")]
    [InlineData("field_empty_list", "Unknown")]
    [InlineData("body", "Object")]
    [InlineData("path", "Object")]
    [InlineData("field_tags", "Reference")]
    [InlineData("field_image", "Reference")]
    public void Each_field_has_the_kind_its_values_show(string name, string kind)
    {
        Assert.Equal(Enum.Parse<FieldKind>(kind), Field(Articles(), name).Kind);
    }

    [Theory]
    [InlineData("field_keywords", true)]
    [InlineData("field_empty_list", true)]
    [InlineData("field_tags", true)]
    [InlineData("field_related", true)]
    [InlineData("uid", false)]
    [InlineData("field_image", false)]
    [InlineData("title", false)]
    [InlineData("body", false)]
    public void Arrays_make_lists_an_empty_one_too(string name, bool isList)
    {
        Assert.Equal(isList, Field(Articles(), name).IsList);
    }

    [Fact]
    public void Unknown_lists_writable_fields_null_everywhere_and_relationships_without_targets()
    {
        Assert.Equal(new[] { "field_nothing", "field_empty_list", "field_image", "field_related" }, Articles().Unknown);
    }

    [Fact]
    public void A_relationship_knows_the_types_it_points_at()
    {
        var fields = Articles();

        Assert.Equal(new[] { "taxonomy_term--tags" }, Field(fields, "field_tags").TargetTypes);
        Assert.Equal(new[] { "user--user" }, Field(fields, "uid").TargetTypes);
    }

    [Fact]
    public void An_object_knows_its_properties_and_a_formatted_text_its_sites_format()
    {
        var body = Field(Articles(), "body");

        Assert.Equal(new[] { "value", "format", "processed", "summary" }, body.Properties.Select(p => p.Name));
        Assert.True(body.IsFormattedText);
        Assert.Equal("basic_html", body.TextFormat);
        Assert.Equal(FieldKind.Text, body.Property("value")!.Kind);
        Assert.False(Field(Articles(), "path").IsFormattedText);
    }

    [Theory]
    [InlineData("drupal_internal__nid")]
    [InlineData("revision_timestamp")]
    [InlineData("revision_log")]
    [InlineData("revision_translation_affected")]
    [InlineData("changed")]
    [InlineData("default_langcode")]
    [InlineData("content_translation_source")]
    [InlineData("content_translation_outdated")]
    [InlineData("node_type")]
    [InlineData("revision_uid")]
    public void Computed_and_kept_fields_are_read_only(string name)
    {
        Assert.True(Field(Articles(), name).IsReadOnly);
    }

    [Theory]
    [InlineData("langcode")]
    [InlineData("title")]
    [InlineData("status")]
    [InlineData("created")]
    [InlineData("uid")]
    [InlineData("field_tags")]
    [InlineData("path")]
    [InlineData("body")]
    [InlineData("comment")]
    public void Fields_people_set_are_not_read_only(string name)
    {
        Assert.False(Field(Articles(), name).IsReadOnly);
    }

    [Fact]
    public void Processed_pid_and_comment_statistics_are_read_only_properties()
    {
        var fields = Articles();

        Assert.True(Field(fields, "body").Property("processed")!.IsReadOnly);
        Assert.False(Field(fields, "body").Property("summary")!.IsReadOnly);
        Assert.True(Field(fields, "path").Property("pid")!.IsReadOnly);
        Assert.False(Field(fields, "path").Property("alias")!.IsReadOnly);
        Assert.Equal(new[] { "status" }, Field(fields, "comment").Properties.Where(p => !p.IsReadOnly).Select(p => p.Name));
    }

    [Theory]
    [InlineData("taxonomy_term--tags", "vid", "taxonomy_vocabulary--taxonomy_vocabulary")]
    [InlineData("media--image", "bundle", "media_type--media_type")]
    [InlineData("comment--comment", "comment_type", "comment_type--comment_type")]
    [InlineData("block_content--basic", "block_content_type", "block_content_type--block_content_type")]
    public void The_bundle_relationship_is_read_only_by_name_and_by_target(string typeName, string name, string target)
    {
        var byName = BundleFields.Learn(typeName, new[] { Resource("{\"type\":\"" + typeName + "\",\"id\":\"x\",\"relationships\":{\"" + name + "\":{\"data\":null}}}") });
        var byTarget = BundleFields.Learn(typeName, new[] { Resource("{\"type\":\"" + typeName + "\",\"id\":\"x\",\"relationships\":{\"other\":{\"data\":{\"type\":\"" + target + "\",\"id\":\"y\"}}}}") });

        Assert.True(Field(byName, name).IsReadOnly);
        Assert.True(Field(byTarget, "other").IsReadOnly);
    }

    [Theory]
    [InlineData("1", "1.5", "Number")]
    [InlineData("1.5", "2", "Number")]
    [InlineData("\"2024-01-02T03:04:05+00:00\"", "\"2024-01-02\"", "Date")]
    [InlineData("\"2024-01-02\"", "\"soon\"", "Text")]
    [InlineData("\"2024-01-02T03:04:05Z\"", "\"2024-01-02T03:04:05+0100\"", "Timestamp")]
    [InlineData("true", "1", "Text")]
    [InlineData("null", "true", "Boolean")]
    public void Values_of_two_kinds_make_the_kind_that_takes_both(string first, string second, string kind)
    {
        var fields = BundleFields.Learn("node--article", new[] { first, second }.Select(v => Resource("{\"type\":\"node--article\",\"id\":\"x\",\"attributes\":{\"f\":" + v + "}}")));

        Assert.Equal(Enum.Parse<FieldKind>(kind), Field(fields, "f").Kind);
    }

    [Fact]
    public void An_array_of_objects_is_an_object_list_whose_properties_are_learned_across_items()
    {
        var fields = BundleFields.Learn("node--article", new[]
        {
            Resource("""{"type":"node--article","id":"x","attributes":{"field_links":[{"uri":"https://a","title":null},{"uri":"https://b","title":"B","options":[]}]}}"""),
        });
        var links = Field(fields, "field_links");

        Assert.Equal(FieldKind.Object, links.Kind);
        Assert.True(links.IsList);
        Assert.Equal(new[] { "uri", "title", "options" }, links.Properties.Select(p => p.Name));
        Assert.Equal(FieldKind.Text, links.Property("title")!.Kind);
    }

    [Fact]
    public void With_learns_what_was_unknown_and_keeps_what_was_known()
    {
        var fields = Articles().With(new[]
        {
            Resource("""{"type":"node--article","id":"z","attributes":{"field_nothing":12,"field_count":null},"relationships":{"field_image":{"data":{"type":"file--file","id":"f"}}}}"""),
        });

        Assert.Equal(FieldKind.Integer, Field(fields, "field_nothing").Kind);
        Assert.Equal(FieldKind.Integer, Field(fields, "field_count").Kind);
        Assert.Equal(new[] { "file--file" }, Field(fields, "field_image").TargetTypes);
        Assert.Equal(new[] { "field_empty_list", "field_related" }, fields.Unknown);
        Assert.Equal(Articles().Fields.Select(f => f.Name), fields.Fields.Select(f => f.Name));
    }

    [Fact]
    public void With_and_WithTargets_leave_the_knowledge_they_start_from_as_it_was()
    {
        var fields = Articles();

        fields.With(new[] { Resource("""{"type":"node--article","id":"z","attributes":{"field_nothing":true,"field_new":1}}""") });
        fields.WithTargets("field_image", new[] { "file--file" });

        Assert.Equal(FieldKind.Unknown, Field(fields, "field_nothing").Kind);
        Assert.Null(fields.Find("field_new"));
        Assert.Empty(Field(fields, "field_image").TargetTypes);
    }

    [Fact]
    public void A_field_seen_with_a_fraction_later_becomes_a_number()
    {
        var fields = Articles().With(new[] { Resource("""{"type":"node--article","id":"z","attributes":{"field_count":2.5}}""") });

        Assert.Equal(FieldKind.Number, Field(fields, "field_count").Kind);
    }

    [Fact]
    public void WithTargets_gives_a_relationship_its_types()
    {
        var fields = Articles().WithTargets("field_related", new[] { "node--page", "node--article" });

        Assert.Equal(new[] { "node--page", "node--article" }, Field(fields, "field_related").TargetTypes);
        Assert.Equal(new[] { "field_nothing", "field_empty_list", "field_image" }, fields.Unknown);
        Assert.True(Field(fields, "field_related").IsList);
    }

    [Fact]
    public void Learning_from_nothing_knows_no_field_but_still_the_label()
    {
        var fields = BundleFields.Learn("taxonomy_term--tags", Array.Empty<System.Text.Json.JsonElement>());

        Assert.Empty(fields.Fields);
        Assert.Equal("name", fields.Column("name")!.Field!.Name);
        Assert.Equal(FieldKind.Text, fields.Column("Name")!.Shape!.Kind);
    }

    [Fact]
    public void Columns_are_id_the_label_then_writable_fields_with_objects_dotted()
    {
        Assert.Equal(
            new[]
            {
                "id", "title", "langcode", "status", "created", "promote", "sticky", "path.alias", "path.langcode",
                "body.value", "body.format", "body.summary", "comment.status", "field_count", "field_rating", "field_event_date",
                "field_keywords", "field_nothing", "field_empty_list", "uid", "field_image", "field_tags", "field_related", "field_late",
            },
            Articles().Columns(includeReadOnly: false).Select(c => c.Header));
    }

    [Fact]
    public void Columns_with_read_only_ones_hold_every_field_and_property()
    {
        var headers = Articles().Columns(includeReadOnly: true).Select(c => c.Header).ToList();

        Assert.Equal(new[] { "id", "title", "drupal_internal__nid" }, headers.Take(3));
        Assert.Contains("body.processed", headers);
        Assert.Contains("path.pid", headers);
        Assert.Contains("node_type", headers);
        Assert.Contains("comment.comment_count", headers);
        Assert.Contains("changed", headers);
    }

    [Fact]
    public void Columns_carry_the_shapes_their_cells_convert_by()
    {
        var columns = Articles().Columns(includeReadOnly: false);
        var alias = columns.Single(c => c.Header == "path.alias");

        Assert.True(columns[0].IsId);
        Assert.Equal("path", alias.Field!.Name);
        Assert.Equal("alias", alias.Shape!.Name);
    }

    [Theory]
    [InlineData("id", "id")]
    [InlineData("ID", "id")]
    [InlineData("title", "title")]
    [InlineData(" Title ", "title")]
    [InlineData("body.value", "body.value")]
    [InlineData("Body.Format", "body.format")]
    [InlineData("body", "body")]
    [InlineData("body.processed", "body.processed")]
    [InlineData("changed", "changed")]
    [InlineData("field_nothing.value", "field_nothing.value")]
    public void Column_finds_what_a_header_names_exactly_or_by_case(string header, string found)
    {
        Assert.Equal(found, Articles().Column(header)!.Header);
    }

    [Theory]
    [InlineData("tilte")]
    [InlineData("body.nope")]
    [InlineData("path.alias.more")]
    [InlineData("nope.value")]
    [InlineData("type")]
    [InlineData("")]
    public void Column_is_null_for_what_names_nothing(string header)
    {
        Assert.Null(Articles().Column(header));
    }

    [Fact]
    public void Column_matches_case_exactly_before_it_ignores_case()
    {
        var fields = BundleFields.Learn("node--article", new[] { Resource("""{"type":"node--article","id":"x","attributes":{"Field_a":1,"field_a":"x","field_b":true}}""") });

        Assert.Equal(FieldKind.Integer, fields.Column("Field_a")!.Shape!.Kind);
        Assert.Equal(FieldKind.Text, fields.Column("field_a")!.Shape!.Kind);
        Assert.Null(fields.Column("FIELD_A"));
        Assert.Equal("field_b", fields.Column("FIELD_B")!.Header);
    }

    [Fact]
    public void Read_only_columns_are_found_and_say_so()
    {
        var fields = Articles();

        Assert.True(fields.Column("changed")!.Field!.IsReadOnly);
        Assert.True(fields.Column("body.processed")!.Shape!.IsReadOnly);
        Assert.False(fields.Column("body.value")!.Shape!.IsReadOnly);
    }

    [Theory]
    [InlineData("tilte", new[] { "title" })]
    [InlineData("field_tag", new[] { "field_tags", "field_image", "field_late" })]
    [InlineData("FIELD_TAGS", new[] { "field_tags", "field_image", "field_late" })]
    [InlineData("body.valeu", new[] { "body.value" })]
    [InlineData("statsu", new[] { "status" })]
    [InlineData("xyzzy", new string[0])]
    [InlineData("chnged", new string[0])]
    public void Nearest_names_writable_fields_closest_first(string name, string[] nearest)
    {
        Assert.Equal(nearest, Articles().Nearest(name));
    }

    [Fact]
    public void Nearest_gives_at_most_three()
    {
        var fields = BundleFields.Learn("node--article", new[] { Resource("""{"type":"node--article","id":"x","attributes":{"field_a1":1,"field_a2":1,"field_a3":1,"field_a4":1}}""") });

        Assert.Equal(new[] { "field_a1", "field_a2", "field_a3" }, fields.Nearest("field_a"));
    }
}
