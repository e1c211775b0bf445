using System.Management.Automation;
using System.Text.Json;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Support.JsonApiDocuments;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class ResourceFlattenerTests
{
    private const string OwnId = "a0000001-d7a1-4c3e-9f00-000000000001";
    private const string OtherId = "a0000002-d7a1-4c3e-9f00-000000000002";
    [Fact]
    public void The_seen_resource_becomes_id_type_attributes_and_relationships_in_that_order()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }));

        Assert.Equal(
            new[]
            {
                "id", "type",
                "drupal_internal__nid", "drupal_internal__vid", "langcode", "status", "title", "created", "changed", "promote", "sticky", "path", "body",
                "node_type", "revision_uid", "uid", "field_image", "field_tags",
            },
            article.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Attributes_keep_their_JSON_types()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }));

        Assert.Equal(ArticleId(1), Value(article, "id"));
        Assert.Equal("node--article", Value(article, "type"));
        Assert.Equal(1L, Value(article, "drupal_internal__nid"));
        Assert.Equal(true, Value(article, "status"));
        Assert.Equal("Article 1", Value(article, "title"));
        Assert.Equal("2026-01-01T00:01:00+00:00", Value(article, "created"));
        Assert.Null(Value((PSObject)Value(article, "path")!, "alias"));
        Assert.Equal("<p>Body 1</p>", Value((PSObject)Value(article, "body")!, "processed"));
    }

    [Fact]
    public void A_relationship_becomes_the_related_id()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }));

        Assert.Equal(UserId(3), Value(article, "uid"));
        Assert.Equal(Uuid('d', 1), Value(article, "node_type"));
    }

    [Fact]
    public void A_multi_value_relationship_becomes_an_array_of_ids_in_order()
    {
        var article = FlattenFirst(Collection(new[] { Article(1, tags: new[] { 5, 2, 9 }) }));

        Assert.Equal(new object?[] { TagId(5), TagId(2), TagId(9) }, Value(article, "field_tags"));
    }

    [Fact]
    public void An_empty_multi_value_relationship_is_an_empty_array()
    {
        Assert.Equal(Array.Empty<object?>(), Value(FlattenFirst(Collection(new[] { Article(1, tags: Array.Empty<int>()) })), "field_tags"));
    }

    [Fact]
    public void A_relationship_whose_data_is_null_is_null()
    {
        Assert.Null(Value(FlattenFirst(Collection(new[] { Article(1) })), "field_image"));
    }

    [Fact]
    public void A_relationship_with_links_only_is_null()
    {
        var flat = FlattenFirst("{\"data\":[{\"type\":\"node--article\",\"id\":\"x\",\"relationships\":{\"uid\":{\"links\":{\"related\":{\"href\":\"https://drupal.example.com/x\"}}}}}]}");

        Assert.Null(Value(flat, "uid"));
    }

    [Fact]
    public void An_entity_is_typed_by_its_resource_type_first_then_as_an_entity()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }));

        Assert.Equal("DrupalOAuth.Entity#node--article", article.TypeNames[0]);
        Assert.Equal("DrupalOAuth.Entity", article.TypeNames[1]);
        Assert.Equal("DrupalOAuth.Entity", ResourceFlattener.EntityTypeName);
    }

    [Fact]
    public void A_resource_without_a_type_is_typed_as_an_entity_only()
    {
        var flat = FlattenFirst("{\"data\":[{\"id\":\"x\",\"attributes\":{\"title\":\"t\"}}]}");

        Assert.Equal("DrupalOAuth.Entity", flat.TypeNames[0]);
        Assert.Null(Value(flat, "type"));
        Assert.Equal("t", Value(flat, "title"));
    }

    [Fact]
    public void An_included_single_value_relationship_becomes_the_related_entity()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }, included: User(3)), "uid");

        var author = Assert.IsType<PSObject>(Value(article, "uid"));
        Assert.Equal(new[] { "id", "type", "display_name" }, author.Properties.Select(p => p.Name));
        Assert.Equal(UserId(3), Value(author, "id"));
        Assert.Equal("editor3", Value(author, "display_name"));
        Assert.Equal("DrupalOAuth.Entity#user--user", author.TypeNames[0]);
        Assert.Equal(UserId(3), Value(article, "revision_uid"));
    }

    [Fact]
    public void An_included_multi_value_relationship_becomes_the_related_entities_in_order()
    {
        var article = FlattenFirst(Collection(new[] { Article(1, tags: new[] { 2, 1 }) }, included: Tag(1) + "," + Tag(2)), "field_tags");

        var tags = Assert.IsType<object?[]>(Value(article, "field_tags"));
        Assert.Equal(new object?[] { "Tag 2", "Tag 1" }, tags.Select(t => Value((PSObject)t!, "name")));
        Assert.Equal(Uuid('b', 1), Value((PSObject)tags[0]!, "vid"));
    }

    [Fact]
    public void A_nested_include_flattens_the_related_entitys_own_relationship()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }, included: Tag(1) + "," + Tag(2) + "," + Vocabulary()), "field_tags.vid");

        var tags = (object?[])Value(article, "field_tags")!;
        var vocabulary = Assert.IsType<PSObject>(Value((PSObject)tags[1]!, "vid"));
        Assert.Equal("Tags", Value(vocabulary, "name"));
        Assert.Equal("DrupalOAuth.Entity#taxonomy_vocabulary--taxonomy_vocabulary", vocabulary.TypeNames[0]);
        Assert.Equal(new object?[] { "virtual" }, Value((PSObject)tags[1]!, "parent"));
    }

    [Fact]
    public void Includes_beside_each_other_and_nested_combine()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }, included: User(3) + "," + Tag(1) + "," + Tag(2) + "," + Vocabulary()), "uid", "field_tags", "field_tags.vid");

        Assert.Equal("editor3", Value((PSObject)Value(article, "uid")!, "display_name"));
        Assert.Equal("Tags", Value((PSObject)Value((PSObject)((object?[])Value(article, "field_tags")!)[0]!, "vid")!, "name"));
    }

    [Fact]
    public void A_related_item_left_out_of_included_becomes_a_stub_with_its_id_and_type()
    {
        var article = FlattenFirst(Collection(new[] { Article(1) }, included: Tag(1)), "field_tags");

        var tags = (object?[])Value(article, "field_tags")!;
        Assert.Equal("Tag 1", Value((PSObject)tags[0]!, "name"));
        var hidden = Assert.IsType<PSObject>(tags[1]);
        Assert.Equal(new[] { "id", "type" }, hidden.Properties.Select(p => p.Name));
        Assert.Equal(TagId(2), Value(hidden, "id"));
        Assert.Equal("taxonomy_term--tags", Value(hidden, "type"));
        Assert.Equal("DrupalOAuth.Entity#taxonomy_term--tags", hidden.TypeNames[0]);
        Assert.Equal("DrupalOAuth.Entity", hidden.TypeNames[1]);
    }

    [Fact]
    public void A_document_without_included_gives_stubs_for_every_include()
    {
        var author = (PSObject)Value(FlattenFirst(Collection(new[] { Article(1) }), "uid"), "uid")!;

        Assert.Equal(new[] { "id", "type" }, author.Properties.Select(p => p.Name));
    }

    [Fact]
    public void An_included_relationship_whose_data_is_null_stays_null()
    {
        Assert.Null(Value(FlattenFirst(Collection(new[] { Article(1) }), "field_image"), "field_image"));
    }

    [Fact]
    public void One_included_item_related_from_several_resources_is_flattened_for_each()
    {
        var document = Collection(new[] { Article(1), Article(2) }, included: User(3));
        var flattener = Flattener(document, "uid");

        var authors = Resources(document).Select(r => (PSObject)Value(flattener.Flatten(r), "uid")!).ToList();

        Assert.All(authors, a => Assert.Equal("editor3", Value(a, "display_name")));
        Assert.NotSame(authors[0], authors[1]);
    }

    [Fact]
    public void A_stub_alone_has_the_id_and_type_it_was_given()
    {
        var stub = ResourceFlattener.Stub("file--file", "f1");

        Assert.Equal(new object?[] { "f1", "file--file" }, stub.Properties.Select(p => p.Value));
        Assert.Equal("DrupalOAuth.Entity#file--file", stub.TypeNames[0]);
    }

    [Theory]
    [InlineData("{\"id\":\"" + OtherId + "\",\"type\":\"user--user\",\"title\":\"T\"}", "{}", "attribute")]
    [InlineData("{\"title\":\"T\"}", "{\"id\":{\"data\":{\"type\":\"user--user\",\"id\":\"" + OtherId + "\"}},\"type\":{\"data\":{\"type\":\"user--user\",\"id\":\"" + OtherId + "\"}}}", "relationship")]
    public void The_resources_own_id_and_type_win_over_fields_of_that_name(string attributes, string relationships, string kind)
    {
        var document = "{\"data\":[{\"type\":\"node--article\",\"id\":\"" + OwnId + "\",\"attributes\":" + attributes + ",\"relationships\":" + relationships + "}]}";

        var item = FlattenFirst(document);

        Assert.Equal(OwnId, Value(item, "id"));
        Assert.Equal("node--article", Value(item, "type"));
        Assert.Equal(OtherId, Value(item, kind + "_id"));
        Assert.NotNull(item.Properties[kind + "_type"]);
        Assert.Equal("DrupalOAuth.Entity#node--article", item.TypeNames[0]);
    }

    private static PSObject FlattenFirst(string document, params string[] include) => Flattener(document, include).Flatten(Resources(document)[0]);

    private static ResourceFlattener Flattener(string document, params string[] include)
    {
        using var parsed = JsonDocument.Parse(document);
        return new ResourceFlattener(parsed.RootElement.Clone(), include);
    }

    private static JsonElement[] Resources(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return parsed.RootElement.GetProperty("data").EnumerateArray().Select(r => r.Clone()).ToArray();
    }

    private static object? Value(PSObject item, string name) => item.Properties[name]?.Value;
}
