using DrupalOAuth.Content;
using Xunit;
using static DrupalOAuth.Tests.Content.ContentYamlTests;

namespace DrupalOAuth.Tests.Content;

/// <summary>One file per entity type a standard site exports, written here from the format's rules, byte for byte.</summary>
public sealed class ContentYamlSampleTests
{
    private const string MediaUuid = "6f1c4a8e-2b0d-4c7e-9a55-0d3e8b7f1a22";

    public static TheoryData<string, ContentEntity, string> Samples() => new()
    {
        {
            "a tag at the root of its vocabulary",
            Term(),
            """
            _meta:
              version: '1.0'
              entity_type: taxonomy_term
              uuid: 550f86ad-aa11-4047-953f-636d42889f85
              bundle: tags
              default_langcode: en
            default:
              status:
                -
                  value: true
              name:
                -
                  value: 'Café #1'
              description:
                -
                  value: null
                  format: null
              weight:
                -
                  value: -2
              revision_translation_affected:
                -
                  value: true
              path:
                -
                  alias: /tags/cafe-1
                  langcode: en
            translations:
              es:
                name:
                  -
                    value: 'Cafetería n.º 1'
              zh-hans:
                name:
                  -
                    value: 咖啡馆

            """
        },
        {
            "a file owned by user 1",
            File(),
            """
            _meta:
              version: '1.0'
              entity_type: file
              uuid: d8404562-efcc-40e3-869e-40132d53fe0b
              default_langcode: en
            default:
              uid:
                -
                  target_id: 1
              filename:
                -
                  value: image-3.png
              uri:
                -
                  value: 'public://2026-01/image-3.png'
              filemime:
                -
                  value: image/png
              filesize:
                -
                  value: 3905
              status:
                -
                  value: true

            """
        },
        {
            "a user with a hashed password",
            User(),
            """
            _meta:
              version: '1.0'
              entity_type: user
              uuid: 94503467-be7f-406c-9795-fc25baa22203
              default_langcode: en
            default:
              preferred_langcode:
                -
                  value: en
              name:
                -
                  value: "Zoë O'Brien"
              pass:
                -
                  value: $2y$10$abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123
                  existing: null
                  pre_hashed: true
              mail:
                -
                  value: zoe@example.com
              timezone:
                -
                  value: Europe/Paris
              status:
                -
                  value: true
              access:
                -
                  value: 0
              login:
                -
                  value: 0
              init:
                -
                  value: zoe@example.com
              roles:
                -
                  target_id: content_editor

            """
        },
        {
            "an image media item",
            Media(),
            """
            _meta:
              version: '1.0'
              entity_type: media
              uuid: 6f1c4a8e-2b0d-4c7e-9a55-0d3e8b7f1a22
              bundle: image
              default_langcode: en
              depends:
                94503467-be7f-406c-9795-fc25baa22203: user
                d8404562-efcc-40e3-869e-40132d53fe0b: file
            default:
              revision_user:
                -
                  target_id: 1
              status:
                -
                  value: true
              uid:
                -
                  entity: 94503467-be7f-406c-9795-fc25baa22203
              name:
                -
                  value: image-3.png
              revision_translation_affected:
                -
                  value: true
              path:
                -
                  alias: null
                  langcode: en
              field_media_image:
                -
                  entity: d8404562-efcc-40e3-869e-40132d53fe0b
                  alt: 'A blue box: 40 by 20'
                  title: ''
                  width: 40
                  height: 20

            """
        },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_is_written_byte_for_byte_and_reads_back_to_the_same_bytes(string what, ContentEntity entity, string expected)
    {
        Assert.NotEmpty(what);
        var text = ContentYaml.Write(entity);

        Assert.Equal(expected.Replace("\r\n", "\n"), text);
        var read = ContentYaml.Read(new StringReader(text), entity.EntityType + "/" + entity.Uuid + ".yml");
        Assert.Equal(entity.TypeName, read.TypeName);
        Assert.Equal(entity.Label, read.Label);
        Assert.Equal(text, ContentYaml.Write(read));
    }

    [Fact]
    public void A_hand_written_file_in_flow_style_with_comments_reads_as_the_block_one()
    {
        const string Flow = """
            # A term, written by hand.
            _meta: { version: '1.0', entity_type: taxonomy_term, uuid: 550f86ad-aa11-4047-953f-636d42889f85, bundle: tags, default_langcode: en }
            default:
              status: [{ value: true }]
              name: [{ value: 'Café #1' }]   # the label
              description: [{ value: ~, format: null }]
              weight: [{ value: -2 }]
              revision_translation_affected: [{ value: true }]
              path:
                - alias: /tags/cafe-1
                  langcode: en
            translations:
              es: { name: [{ value: "Cafetería n.º 1" }] }
              zh-hans:
                name:
                  - { value: 咖啡馆 }
            """;

        var read = ContentYaml.Read(new StringReader(Flow), "taxonomy_term/x.yml");

        Assert.Equal(ContentYaml.Write(Term()), ContentYaml.Write(read));
    }

    private static ContentEntity Term()
    {
        var term = new ContentEntity("taxonomy_term", TagUuid, "tags", "en");
        term.Fields["status"] = Field(Item(("value", true)));
        term.Fields["name"] = Field(Item(("value", "Café #1")));
        term.Fields["description"] = Field(Item(("value", null), ("format", null)));
        term.Fields["weight"] = Field(Item(("value", -2L)));
        term.Fields["revision_translation_affected"] = Field(Item(("value", true)));
        term.Fields["path"] = Field(Item(("alias", "/tags/cafe-1"), ("langcode", "en")));
        term.Translations["zh-hans"] = new ContentMap { ["name"] = Field(Item(("value", "咖啡馆"))) };
        term.Translations["es"] = new ContentMap { ["name"] = Field(Item(("value", "Cafetería n.º 1"))) };
        return term;
    }

    private static ContentEntity File()
    {
        var file = new ContentEntity("file", FileUuid, null, "en");
        file.Fields["uid"] = Field(Item(("target_id", 1L)));
        file.Fields["filename"] = Field(Item(("value", "image-3.png")));
        file.Fields["uri"] = Field(Item(("value", "public://2026-01/image-3.png")));
        file.Fields["filemime"] = Field(Item(("value", "image/png")));
        file.Fields["filesize"] = Field(Item(("value", 3905L)));
        file.Fields["status"] = Field(Item(("value", true)));
        return file;
    }

    private static ContentEntity User()
    {
        var user = new ContentEntity("user", UserUuid, null, "en");
        user.Fields["preferred_langcode"] = Field(Item(("value", "en")));
        user.Fields["name"] = Field(Item(("value", "Zoë O'Brien")));
        user.Fields["pass"] = Field(Item(("value", "$2y$10$abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"), ("existing", null), ("pre_hashed", true)));
        user.Fields["mail"] = Field(Item(("value", "zoe@example.com")));
        user.Fields["timezone"] = Field(Item(("value", "Europe/Paris")));
        user.Fields["status"] = Field(Item(("value", true)));
        user.Fields["access"] = Field(Item(("value", 0L)));
        user.Fields["login"] = Field(Item(("value", 0L)));
        user.Fields["init"] = Field(Item(("value", "zoe@example.com")));
        user.Fields["roles"] = Field(Item(("target_id", "content_editor")));
        return user;
    }

    private static ContentEntity Media()
    {
        var media = new ContentEntity("media", MediaUuid, "image", "en");
        media.Depends[UserUuid] = "user";
        media.Depends[FileUuid] = "file";
        media.Fields["revision_user"] = Field(Item(("target_id", 1L)));
        media.Fields["status"] = Field(Item(("value", true)));
        media.Fields["uid"] = Field(Item(("entity", UserUuid)));
        media.Fields["name"] = Field(Item(("value", "image-3.png")));
        media.Fields["revision_translation_affected"] = Field(Item(("value", true)));
        media.Fields["path"] = Field(Item(("alias", null), ("langcode", "en")));
        media.Fields["field_media_image"] = Field(Item(("entity", FileUuid), ("alt", "A blue box: 40 by 20"), ("title", ""), ("width", 40L), ("height", 20L)));
        return media;
    }
}
