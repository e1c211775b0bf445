using System.Text;
using DrupalOAuth.Content;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

/// <summary>ContentYaml writes what Drupal's Yaml::encode (Symfony's dumper, indent 2) writes, and reads it back whole.</summary>
public sealed class ContentYamlTests
{
    public const string UserUuid = "94503467-be7f-406c-9795-fc25baa22203";
    public const string FileUuid = "d8404562-efcc-40e3-869e-40132d53fe0b";
    public const string TagUuid = "550f86ad-aa11-4047-953f-636d42889f85";
    public const string NodeUuid = "2d3581c3-92c7-4600-8991-a0d4b3741198";

    /// <summary>A field of items, each given as property/value pairs.</summary>
    public static List<object?> Field(params ContentMap[] items) => items.Cast<object?>().ToList();

    public static ContentMap Item(params (string Key, object? Value)[] properties)
    {
        var item = new ContentMap();
        foreach (var (key, value) in properties)
        {
            item[key] = value;
        }

        return item;
    }

    public static ContentEntity Article()
    {
        var node = new ContentEntity("node", NodeUuid, "article", "en");
        node.Depends[UserUuid] = "user";
        node.Depends[FileUuid] = "file";
        node.Depends[TagUuid] = "taxonomy_term";
        node.Fields["uid"] = Field(Item(("entity", UserUuid)));
        node.Fields["status"] = Field(Item(("value", true)));
        node.Fields["title"] = Field(Item(("value", "Test Article")));
        node.Fields["path"] = Field(Item(("alias", null), ("langcode", "en")));
        node.Fields["body"] = Field(Item(("value", "<p>Here's the body.</p>\n<p>Second paragraph.</p>"), ("format", "basic_html"), ("summary", "")));
        node.Fields["field_image"] = Field(Item(("entity", FileUuid), ("alt", "Blue box"), ("title", ""), ("width", 40L), ("height", 20L)));
        node.Fields["field_tags"] = Field(Item(("entity", TagUuid)));
        node.Translations["fr"] = new ContentMap { ["title"] = Field(Item(("value", "Perdu en traduction"))) };
        return node;
    }

    [Fact]
    public void Write_lays_out_an_article_as_core_does()
    {
        const string Expected = """
            _meta:
              version: '1.0'
              entity_type: node
              uuid: 2d3581c3-92c7-4600-8991-a0d4b3741198
              bundle: article
              default_langcode: en
              depends:
                94503467-be7f-406c-9795-fc25baa22203: user
                d8404562-efcc-40e3-869e-40132d53fe0b: file
                550f86ad-aa11-4047-953f-636d42889f85: taxonomy_term
            default:
              uid:
                -
                  entity: 94503467-be7f-406c-9795-fc25baa22203
              status:
                -
                  value: true
              title:
                -
                  value: 'Test Article'
              path:
                -
                  alias: null
                  langcode: en
              body:
                -
                  value: |-
                    <p>Here's the body.</p>
                    <p>Second paragraph.</p>
                  format: basic_html
                  summary: ''
              field_image:
                -
                  entity: d8404562-efcc-40e3-869e-40132d53fe0b
                  alt: 'Blue box'
                  title: ''
                  width: 40
                  height: 20
              field_tags:
                -
                  entity: 550f86ad-aa11-4047-953f-636d42889f85
            translations:
              fr:
                title:
                  -
                    value: 'Perdu en traduction'

            """;
        Assert.Equal(Expected.Replace("\r\n", "\n"), ContentYaml.Write(Article()));
    }

    [Fact]
    public void An_article_reads_back_equal_and_writes_the_same_bytes()
    {
        var text = ContentYaml.Write(Article());
        var read = ContentYaml.Read(new StringReader(text), "node/x.yml");

        Assert.Equal("node", read.EntityType);
        Assert.Equal(NodeUuid, read.Uuid);
        Assert.Equal("article", read.Bundle);
        Assert.Equal("en", read.DefaultLangcode);
        Assert.Equal(new[] { UserUuid, FileUuid, TagUuid }, read.Depends.Keys);
        Assert.Equal(40L, ContentEntity.Items(read.Fields, "field_image")[0]["width"]);
        Assert.Equal(true, ContentEntity.Items(read.Fields, "status")[0]["value"]);
        Assert.Null(ContentEntity.Items(read.Fields, "path")[0]["alias"]);
        Assert.Equal("Perdu en traduction", ContentEntity.Items(read.Translations["fr"], "title")[0]["value"]);
        Assert.Equal(text, ContentYaml.Write(read));
    }

    [Fact]
    public void Keys_are_names_as_written_never_typed()
    {
        var entity = new ContentEntity("node", NodeUuid, "page", "en");
        entity.Depends["12345678-1234-1234-1234-123456789012"] = "user";
        entity.Fields["field_x"] = Field(Item(("1e5", "a"), ("true", "b"), ("12", "c"), ("0", "d"), ("007", "e"), ("a key", "f")));

        var text = ContentYaml.Write(entity);

        Assert.Contains("\n    12345678-1234-1234-1234-123456789012: user\n", text);
        Assert.Contains("\n      '1e5': a\n      'true': b\n      12: c\n      0: d\n      '007': e\n      'a key': f\n", text);
        var read = ContentYaml.Read(new StringReader(text), "x.yml");
        Assert.Equal(new[] { "1e5", "true", "12", "0", "007", "a key" }, ContentEntity.Items(read.Fields, "field_x")[0].Keys);
        Assert.Equal("user", read.Depends["12345678-1234-1234-1234-123456789012"]);
    }

    [Fact]
    public void The_same_entity_always_gives_the_same_bytes()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(ContentYaml.Write(Article())), Encoding.UTF8.GetBytes(ContentYaml.Write(Article())));
    }

    [Fact]
    public void A_file_that_is_no_entity_names_the_file_and_the_line()
    {
        var e = DrupalAssert.Fails("InvalidContentFile", () => ContentYaml.Read(new StringReader("_meta:\n  entity_type: node\n  uuid: nope\ndefault: {}\n"), "node/bad.yml"));
        Assert.Contains("node/bad.yml", e.Message);
        Assert.Contains("line 3", e.Message);
    }
}
