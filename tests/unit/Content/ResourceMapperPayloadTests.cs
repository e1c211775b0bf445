using DrupalOAuth.Content;
using Xunit;
using static DrupalOAuth.Tests.Content.ResourceMapperTests;

namespace DrupalOAuth.Tests.Content;

/// <summary>Field items to what EntityWriter sends, and the round trip resource → content → payload.</summary>
public sealed class ResourceMapperPayloadTests
{
    /// <summary>A target site that has every entity of the folder under the same UUID, users 0 and 1, and config targets.</summary>
    internal sealed class SameSite : IReferenceResolver
    {
        private readonly HashSet<string> _missing;

        public SameSite(params string[] missing)
        {
            _missing = new HashSet<string>(missing);
        }

        public List<string> Asked { get; } = new();

        public ResolvedReference? Resolve(string field, string? entityType, string? uuid, object? targetId)
        {
            Asked.Add($"{field} {entityType} {uuid} {targetId}");
            if (uuid != null)
            {
                var bundle = entityType switch { "taxonomy_term" => "tags", "node" => "article", _ => entityType };
                return _missing.Contains(uuid) ? null : new ResolvedReference(entityType + "--" + bundle, uuid);
            }

            return field == "roles" ? new ResolvedReference("user_role--user_role", "role-" + targetId) : new ResolvedReference("user--user", "user-" + targetId);
        }
    }

    [Fact]
    public void An_article_read_from_a_site_becomes_the_payload_json_api_takes()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));

        var payload = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), null);

        Assert.Equal(
            "{'status':true,'title':'Article 2','promote':true,'sticky':false,'revision_translation_affected':true,'path':{'alias':null,'langcode':'en'},"
            + "'body':{'value':'\\u003Cp\\u003EBody of article 2.\\u003C/p\\u003E','format':'basic_html','summary':null},'field_external_id':'EXT-0002','field_featured':false,"
            + "'field_keywords':['alpha','beta'],'field_rating':3,'field_score':4.5}",
            Payload(payload.Attributes));
        Assert.Equal(
            "{'revision_uid':{'type':'user--user','id':'00000003-05e4-4c3e-9f00-000000000003'},'uid':{'type':'user--user','id':'user-1'},"
            + "'field_image':{'type':'file--file','id':'00000002-f11e-4c3e-9f00-000000000002','meta':{'alt':'Image of article 2','title':'','width':640,'height':480}},"
            + "'field_tags':[{'type':'taxonomy_term--tags','id':'00000001-7a95-4c3e-9f00-000000000001'},{'type':'taxonomy_term--tags','id':'00000002-7a95-4c3e-9f00-000000000002'}]}",
            Payload(payload.Relationships));
        Assert.Empty(payload.Unresolved);
    }

    [Fact]
    public void Is_list_decides_between_one_value_and_an_array()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));
        bool? IsList(string field) => field switch { "title" => true, "field_keywords" => false, "field_image" => true, "field_tags" => false, _ => null };

        var payload = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), IsList);

        Assert.Equal(new object[] { "Article 2" }, (IEnumerable<object?>)payload.Attributes["title"]!);
        Assert.Equal("alpha", payload.Attributes["field_keywords"]);
        Assert.Single((IEnumerable<object?>)payload.Relationships["field_image"]!);
        Assert.Equal("{'type':'taxonomy_term--tags','id':'00000001-7a95-4c3e-9f00-000000000001'}", Payload(payload.Relationships["field_tags"]));
    }

    [Fact]
    public void A_reference_the_target_does_not_have_is_named_and_left_out()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));

        var payload = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite("00000001-7a95-4c3e-9f00-000000000001", "00000002-f11e-4c3e-9f00-000000000002"), null);

        Assert.Equal(new[] { "field_image: file 00000002-f11e-4c3e-9f00-000000000002", "field_tags: taxonomy_term 00000001-7a95-4c3e-9f00-000000000001" }, payload.Unresolved);
        Assert.False(payload.Relationships.Contains("field_image"));
        Assert.Equal("{'type':'taxonomy_term--tags','id':'00000002-7a95-4c3e-9f00-000000000002'}", Payload(payload.Relationships["field_tags"]));
    }

    [Fact]
    public void The_resolver_hears_the_field_the_type_from_depends_and_the_uuid_or_target_id()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));
        var resolver = new SameSite();

        ResourceMapper.ToPayload(entity, entity.Fields, resolver, null);

        Assert.Equal(
            new[]
            {
                "revision_uid user 00000003-05e4-4c3e-9f00-000000000003 ", "uid   1", "field_image file 00000002-f11e-4c3e-9f00-000000000002 ",
                "field_tags taxonomy_term 00000001-7a95-4c3e-9f00-000000000001 ", "field_tags taxonomy_term 00000002-7a95-4c3e-9f00-000000000002 ",
            },
            resolver.Asked);
    }

    [Fact]
    public void A_subset_of_fields_gives_only_those()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));
        var subset = new ContentMap { ["title"] = entity.Fields["title"], ["field_tags"] = entity.Fields["field_tags"] };

        var payload = ResourceMapper.ToPayload(entity, subset, new SameSite(), null);

        Assert.Equal(new object[] { "title" }, payload.Attributes.Keys.Cast<object>());
        Assert.Equal(new object[] { "field_tags" }, payload.Relationships.Keys.Cast<object>());
    }
    private static List<object?> Field(params ContentMap[] items) => items.Cast<object?>().ToList();

    /// <summary>Items as core's exporter writes them (and a YAML reader gives them): entity last, comment statistics, a user's hash, Unix timestamps.</summary>
    [Fact]
    public void Items_as_core_writes_them_become_what_json_api_takes()
    {
        var entity = new ContentEntity("node", "4d82526d-58fc-40e8-9524-87c7a58a7143", "article", "en");
        entity.Depends["f95acacf-50a3-49ce-a46c-9b1c7a5ceaca"] = "file";
        entity.Fields["title"] = Field(new ContentMap { ["value"] = "C Article 1" });
        entity.Fields["path"] = Field(new ContentMap { ["langcode"] = "en", ["alias"] = null });
        entity.Fields["comment"] = Field(new ContentMap { ["status"] = 2L, ["cid"] = 0L, ["last_comment_timestamp"] = 1767225600L, ["last_comment_name"] = null, ["last_comment_uid"] = 1L, ["comment_count"] = 0L });
        entity.Fields["field_when"] = Field(new ContentMap { ["value"] = "2024-01-02T03:04:05" });
        entity.Fields["field_stamp"] = Field(new ContentMap { ["value"] = 1704164645L });
        entity.Fields["field_image"] = Field(new ContentMap { ["alt"] = "Blue box", ["title"] = "", ["width"] = 40L, ["height"] = 20L, ["entity"] = "f95acacf-50a3-49ce-a46c-9b1c7a5ceaca" });
        entity.Fields["uid"] = Field(new ContentMap { ["target_id"] = 1L });

        var payload = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), null);

        Assert.Equal(
            "{'title':'C Article 1','path':{'langcode':'en','alias':null},'comment':{'status':2},'field_when':'2024-01-02T03:04:05\\u002B00:00','field_stamp':1704164645}",
            Payload(payload.Attributes));
        Assert.Equal(
            "{'field_image':{'type':'file--file','id':'f95acacf-50a3-49ce-a46c-9b1c7a5ceaca','meta':{'alt':'Blue box','title':'','width':40,'height':20}},'uid':{'type':'user--user','id':'user-1'}}",
            Payload(payload.Relationships));
    }

    [Fact]
    public void A_user_s_password_hash_and_what_core_never_writes_are_not_sent()
    {
        var entity = new ContentEntity("user", "c83c034e-e069-4180-81b5-d06386c857dd", null, "en");
        entity.Fields["name"] = Field(new ContentMap { ["value"] = "alice" });
        entity.Fields["pass"] = Field(new ContentMap { ["value"] = "$2y$10$abc", ["pre_hashed"] = true, ["existing"] = null });
        entity.Fields["created"] = Field(new ContentMap { ["value"] = 1690000000L });
        entity.Fields["access"] = Field(new ContentMap { ["value"] = 1690259200L });
        entity.Fields["roles"] = Field(new ContentMap { ["target_id"] = "editor" }, new ContentMap { ["target_id"] = "content_admin" });

        var payload = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), null);

        Assert.Equal("{'name':'alice','access':1690259200}", Payload(payload.Attributes));
        Assert.Equal("{'roles':[{'type':'user_role--user_role','id':'role-editor'},{'type':'user_role--user_role','id':'role-content_admin'}]}", Payload(payload.Relationships));
    }
}
