using System.Collections;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class ResourceWriterTests
{
    private const string Tag = "00000001-7a95-4c3e-9f00-000000000001";

    [Fact]
    public void A_create_carries_type_id_attributes_and_relationships()
    {
        var root = Write("11111111-2222-4333-8444-555555555555", new Hashtable { ["title"] = "x", ["status"] = true },
            new Hashtable { ["field_tags"] = new object[] { new Hashtable { ["type"] = "taxonomy_term--tags", ["id"] = Tag } }, ["field_image"] = null });

        var data = root.GetProperty("data");
        Assert.Equal("node--article", data.GetProperty("type").GetString());
        Assert.Equal("11111111-2222-4333-8444-555555555555", data.GetProperty("id").GetString());
        Assert.Equal("x", data.GetProperty("attributes").GetProperty("title").GetString());
        Assert.True(data.GetProperty("attributes").GetProperty("status").GetBoolean());
        var tags = data.GetProperty("relationships").GetProperty("field_tags").GetProperty("data");
        Assert.Equal(JsonValueKind.Array, tags.ValueKind);
        Assert.Equal(Tag, tags[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("relationships").GetProperty("field_image").GetProperty("data").ValueKind);
    }

    [Fact]
    public void Relationships_take_entities_from_Get_DrupalEntity_and_identifiers_with_meta()
    {
        var entity = new PSObject();
        entity.Properties.Add(new PSNoteProperty("id", Tag));
        entity.Properties.Add(new PSNoteProperty("type", "taxonomy_term--tags"));
        var image = new Hashtable { ["type"] = "file--file", ["id"] = "f", ["meta"] = new Hashtable { ["alt"] = "A cat" } };

        var relationships = Write(null, null, new Hashtable { ["field_tags"] = entity, ["field_image"] = image }).GetProperty("data").GetProperty("relationships");

        Assert.Equal("taxonomy_term--tags", relationships.GetProperty("field_tags").GetProperty("data").GetProperty("type").GetString());
        Assert.Equal("A cat", relationships.GetProperty("field_image").GetProperty("data").GetProperty("meta").GetProperty("alt").GetString());
    }

    [Fact]
    public void A_bare_id_needs_its_type_and_gets_the_one_it_is_given()
    {
        var value = Assert.Single(RelationshipValue.ReadAll(new Hashtable { ["field_tags"] = new[] { Tag } }));

        Assert.True(value.NeedsType);
        Assert.Equal("taxonomy_term--tags", value.WithType("taxonomy_term--tags").Identifiers[0].Type);
        Assert.True(value.IsList);
    }

    [Fact]
    public void A_value_that_is_no_identifier_is_refused_with_the_forms_that_work()
    {
        var e = DrupalAssert.Fails("InvalidRelationship", () => RelationshipValue.ReadAll(new Hashtable { ["uid"] = 42 }));

        Assert.Contains("@{ type = 'taxonomy_term--tags'; id = '<uuid>' }", e.Message);
    }

    [Theory]
    [InlineData("photo.jpg", null, "photo.jpg")]
    [InlineData("/tmp/a/b.png", null, "b.png")]
    [InlineData("/tmp/x.bin", "../../etc/passwd", "passwd")]
    public void File_names_lose_their_path_parts(string path, string? given, string expected)
    {
        Assert.Equal(expected, FileUpload.Name(path, given));
        Assert.Equal($"file; filename=\"{expected}\"", FileUpload.ContentDisposition(expected));
    }

    [Theory]
    [InlineData("bad\"name.txt")]
    [InlineData("café.jpg")]
    public void File_names_a_header_cannot_carry_are_refused(string name)
    {
        DrupalAssert.Fails("InvalidFileName", () => FileUpload.Name("/tmp/x", name));
    }

    private static JsonElement Write(string? id, IDictionary? attributes, IDictionary? relationships) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(ResourceWriter.Document("node--article", id, ResourceWriter.Attributes(attributes), RelationshipValue.ReadAll(relationships)))).RootElement;
}
