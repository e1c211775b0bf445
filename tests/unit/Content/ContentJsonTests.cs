using System.Text;
using DrupalOAuth.Content;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Content.ContentYamlTests;

namespace DrupalOAuth.Tests.Content;

/// <summary>Core 11.4 imports <c>*.json</c> too: the same members, read into the same entity as the YAML.</summary>
public sealed class ContentJsonTests
{
    private static ContentEntity Read(string json, string path = "media/x.json") =>
        ContentJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), path);

    [Fact]
    public void A_media_file_reads_as_its_YAML_does()
    {
        const string Json = """
            {
              "_meta": {
                "version": "1.0",
                "entity_type": "media",
                "uuid": "6f1c4a8e-2b0d-4c7e-9a55-0d3e8b7f1a22",
                "bundle": "image",
                "default_langcode": "en",
                "depends": { "d8404562-efcc-40e3-869e-40132d53fe0b": "file" }
              },
              "default": {
                "uid": [ { "target_id": 1 } ],
                "name": [ { "value": "Zoë's image: \"blue\"" } ],
                "path": [ { "alias": null, "langcode": "en" } ],
                "field_media_image": [ { "entity": "d8404562-efcc-40e3-869e-40132d53fe0b", "alt": "A box", "title": "", "width": 88, "height": 100 } ],
                "field_ratio": [ { "value": 1.5 }, { "value": 2.0 }, { "value": 1e3 } ]
              },
              "translations": { "fr": { "name": [ { "value": "Boîte" } ] } }
            }
            """;
        const string Yaml = """
            _meta:
              version: '1.0'
              entity_type: media
              uuid: 6f1c4a8e-2b0d-4c7e-9a55-0d3e8b7f1a22
              bundle: image
              default_langcode: en
              depends:
                d8404562-efcc-40e3-869e-40132d53fe0b: file
            default:
              uid:
                -
                  target_id: 1
              name:
                -
                  value: 'Zoë''s image: "blue"'
              path:
                -
                  alias: null
                  langcode: en
              field_media_image:
                -
                  entity: d8404562-efcc-40e3-869e-40132d53fe0b
                  alt: 'A box'
                  title: ''
                  width: 88
                  height: 100
              field_ratio:
                -
                  value: 1.5
                -
                  value: 2.0
                -
                  value: 1000.0
            translations:
              fr:
                name:
                  -
                    value: Boîte

            """;

        var read = Read(Json);

        Assert.Equal(Yaml.Replace("\r\n", "\n"), ContentYaml.Write(read));
        Assert.Equal(88L, ContentEntity.Items(read.Fields, "field_media_image")[0]["width"]);
        Assert.Equal(2.0, ContentEntity.Items(read.Fields, "field_ratio")[1]["value"]);
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e2", 100.0)]
    [InlineData("1E2", 100.0)]
    [InlineData("99999999999999999999", 1e20)]
    public void A_number_is_a_long_only_when_it_is_an_integer_literal_a_long_holds(string literal, object expected)
    {
        var read = Read($"{{\"_meta\": {{\"entity_type\": \"node\", \"uuid\": \"{NodeUuid}\"}}, \"default\": {{\"field_n\": [{{\"value\": {literal}}}]}}}}");

        Assert.Equal(expected, ContentEntity.Items(read.Fields, "field_n")[0]["value"]);
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "JSON that does not parse", "{\"_meta\": {\"entity_type\": \"node\",\n \"uuid\": }" },
        { "an array at the top", "[1]" },
        { "no _meta", "{\"default\": {}}" },
        { "a uuid that is not one", "{\"_meta\": {\"entity_type\": \"node\", \"uuid\": \"x\"}, \"default\": {}}" },
        { "a member twice", $"{{\"_meta\": {{\"entity_type\": \"node\", \"uuid\": \"{NodeUuid}\"}}, \"default\": {{}}, \"default\": {{}}}}" },
        { "a field that is an object", $"{{\"_meta\": {{\"entity_type\": \"node\", \"uuid\": \"{NodeUuid}\"}}, \"default\": {{\"title\": {{\"value\": 1}}}}}}" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_file_is_refused_naming_the_file(string what, string json)
    {
        var e = DrupalAssert.Fails("InvalidContentFile", () => Read(json, "content/node/bad.json"));

        Assert.StartsWith("'content/node/bad.json'", e.Message);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void A_parse_failure_names_the_line()
    {
        var e = DrupalAssert.Fails("InvalidContentFile", () => Read("{\"_meta\": {\"entity_type\": \"node\",\n \"uuid\": }", "bad.json"));

        Assert.StartsWith("'bad.json', line 2 ", e.Message);
    }

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"_meta\": {\"entity_type\": \"no").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes($"de\", \"uuid\": \"{NodeUuid}\"}}, \"default\": {{}}}}")).ToArray();

        DrupalAssert.Fails("InvalidContentFile", () => ContentJson.Read(new MemoryStream(bytes), "bad.json"));
    }
}
