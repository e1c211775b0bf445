using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using DrupalOAuth.Content;
using DrupalOAuth.Errors;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

/// <summary>The resources of the test server (tests/DrupalTestServer/README.md) and of a real 10.5/11.4 site, to field items and back.</summary>
public sealed class ResourceMapperTests
{
    internal const string Self = "http://site.test/jsonapi/node/article/00000002-d7a1-4c3e-9f00-000000000002?resourceVersion=id%3A2";

    internal const string Article = """
        {"type":"node--article","id":"00000002-d7a1-4c3e-9f00-000000000002",
         "links":{"self":{"href":"http://site.test/jsonapi/node/article/00000002-d7a1-4c3e-9f00-000000000002?resourceVersion=id%3A2"}},
         "attributes":{"drupal_internal__nid":2,"drupal_internal__vid":2,"langcode":"en","revision_timestamp":"2026-01-01T00:02:00+00:00",
           "revision_log":null,"status":true,"title":"Article 2","created":"2026-01-01T00:02:00+00:00","changed":"2026-01-01T00:02:00+00:00",
           "promote":true,"sticky":false,"default_langcode":true,"revision_translation_affected":true,
           "path":{"alias":null,"pid":null,"langcode":"en"},
           "body":{"value":"<p>Body of article 2.</p>","format":"basic_html","processed":"<p>Body of article 2.</p>","summary":null},
           "field_external_id":"EXT-0002","field_featured":false,"field_keywords":["alpha","beta"],"field_rating":3,"field_score":4.5},
         "relationships":{
           "node_type":{"data":{"type":"node_type--node_type","id":"00000001-7e9e-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":"article"}},"links":{}},
           "revision_uid":{"data":{"type":"user--user","id":"00000003-05e4-4c3e-9f00-000000000003","meta":{"drupal_internal__target_id":3}}},
           "uid":{"data":{"type":"user--user","id":"00000001-05e4-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":1}}},
           "field_image":{"data":{"type":"file--file","id":"00000002-f11e-4c3e-9f00-000000000002","meta":{"alt":"Image of article 2","title":"","width":640,"height":480,"drupal_internal__target_id":2}}},
           "field_tags":{"data":[{"type":"taxonomy_term--tags","id":"00000001-7a95-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":1}},
                                 {"type":"taxonomy_term--tags","id":"missing","meta":{"links":{"help":{"href":"https://www.drupal.org/docs/core-concepts#missing"}}}},
                                 {"type":"taxonomy_term--tags","id":"00000002-7a95-4c3e-9f00-000000000002","meta":{"drupal_internal__target_id":2}}]}}}
        """;

    internal static PSObject Resource(string json) => (PSObject)Support.Json.ToPSObject(json)!;

    /// <summary>Fields as compact text: maps in braces, lists in brackets, strings quoted, for whole-entity assertions.</summary>
    internal static string Text(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case ContentMap map:
                return "{" + string.Join(", ", map.Select(p => p.Key + ": " + Text(p.Value))) + "}";
            case string text:
                return "'" + text + "'";
            case bool flag:
                return flag ? "true" : "false";
            case IList list:
                return "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]";
            case double number:
                return number.ToString("0.0##", CultureInfo.InvariantCulture) + "d";
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
        }
    }

    /// <summary>A payload value as JSON text with single quotes, to be written in the tests as plain strings.</summary>
    internal static string Payload(object? values) => Support.Json.Write(values).Replace('"', '\'');

    [Fact]
    public void An_article_becomes_field_items_without_what_core_leaves_out()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));

        Assert.Equal("node", entity.EntityType);
        Assert.Equal("article", entity.Bundle);
        Assert.Equal("00000002-d7a1-4c3e-9f00-000000000002", entity.Uuid);
        Assert.Equal("en", entity.DefaultLangcode);
        Assert.Equal(
            "{status: [{value: true}], title: [{value: 'Article 2'}], promote: [{value: true}], sticky: [{value: false}], "
            + "revision_translation_affected: [{value: true}], path: [{alias: null, langcode: 'en'}], "
            + "body: [{value: '<p>Body of article 2.</p>', format: 'basic_html', summary: null}], field_external_id: [{value: 'EXT-0002'}], "
            + "field_featured: [{value: false}], field_keywords: [{value: 'alpha'}, {value: 'beta'}], field_rating: [{value: 3}], field_score: [{value: 4.5d}], "
            + "revision_uid: [{entity: '00000003-05e4-4c3e-9f00-000000000003'}], uid: [{target_id: 1}], "
            + "field_image: [{entity: '00000002-f11e-4c3e-9f00-000000000002', alt: 'Image of article 2', title: '', width: 640, height: 480}], "
            + "field_tags: [{entity: '00000001-7a95-4c3e-9f00-000000000001'}, {entity: '00000002-7a95-4c3e-9f00-000000000002'}]}",
            Text(entity.Fields));
        Assert.Equal(
            "{00000003-05e4-4c3e-9f00-000000000003: 'user', 00000002-f11e-4c3e-9f00-000000000002: 'file', "
            + "00000001-7a95-4c3e-9f00-000000000001: 'taxonomy_term', 00000002-7a95-4c3e-9f00-000000000002: 'taxonomy_term'}",
            Text(entity.Depends));
        Assert.Equal("Article 2", entity.Label);
        Assert.Null(entity.FileUrl);
    }

    [Fact]
    public void Typed_values_stay_typed()
    {
        var fields = ResourceMapper.FromResource(Resource(Article)).Fields;

        Assert.IsType<bool>(ContentEntity.Items(fields, "status")[0]["value"]);
        Assert.IsType<long>(ContentEntity.Items(fields, "field_rating")[0]["value"]);
        Assert.IsType<double>(ContentEntity.Items(fields, "field_score")[0]["value"]);
        Assert.IsType<long>(ContentEntity.Items(fields, "field_image")[0]["width"]);
    }

    [Fact]
    public void A_root_term_has_no_parent_and_no_vocabulary_or_revision_fields()
    {
        var entity = ResourceMapper.FromResource(Resource("""
            {"type":"taxonomy_term--tags","id":"00000001-7a95-4c3e-9f00-000000000001","links":{"self":{"href":"http://site.test/jsonapi/taxonomy_term/tags/00000001-7a95-4c3e-9f00-000000000001"}},
             "attributes":{"drupal_internal__tid":1,"drupal_internal__revision_id":1,"langcode":"en","revision_created":"2026-01-01T00:00:00+00:00",
               "revision_log_message":null,"status":true,"name":"PowerShell","description":null,"weight":0,"changed":"2026-01-01T00:00:00+00:00",
               "default_langcode":true,"revision_translation_affected":true,"path":{"alias":null,"pid":null,"langcode":"en"}},
             "relationships":{
               "vid":{"data":{"type":"taxonomy_vocabulary--taxonomy_vocabulary","id":"00000001-70cb-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":"tags"}}},
               "revision_user":{"data":null},
               "parent":{"data":[{"type":"taxonomy_term--tags","id":"virtual","meta":{"links":{"help":{"href":"https://www.drupal.org/docs/core-concepts#virtual"}}}}]}}}
            """));

        Assert.Equal("taxonomy_term", entity.EntityType);
        Assert.Equal("tags", entity.Bundle);
        Assert.Equal(
            "{status: [{value: true}], name: [{value: 'PowerShell'}], weight: [{value: 0}], revision_translation_affected: [{value: true}], path: [{alias: null, langcode: 'en'}]}",
            Text(entity.Fields));
        Assert.Equal(0, entity.Depends.Count);
    }

    [Fact]
    public void A_child_term_references_its_parent_by_uuid()
    {
        var entity = ResourceMapper.FromResource(Resource("""
            {"type":"taxonomy_term--tags","id":"00000006-7a95-4c3e-9f00-000000000006",
             "attributes":{"name":"Child","description":{"value":"<p>Under PowerShell.</p>","format":"basic_html","processed":"<p>Under PowerShell.</p>"}},
             "relationships":{"parent":{"data":[{"type":"taxonomy_term--tags","id":"00000001-7a95-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":1}}]}}}
            """));

        Assert.Equal(
            "{name: [{value: 'Child'}], description: [{value: '<p>Under PowerShell.</p>', format: 'basic_html'}], parent: [{entity: '00000001-7a95-4c3e-9f00-000000000001'}]}",
            Text(entity.Fields));
        Assert.Equal("{00000001-7a95-4c3e-9f00-000000000001: 'taxonomy_term'}", Text(entity.Depends));
    }

    [Fact]
    public void A_file_keeps_its_uri_value_and_knows_its_absolute_url()
    {
        var entity = ResourceMapper.FromResource(Resource("""
            {"type":"file--file","id":"00000002-f11e-4c3e-9f00-000000000002","links":{"self":{"href":"https://site.test:8443/jsonapi/file/file/00000002-f11e-4c3e-9f00-000000000002"}},
             "attributes":{"drupal_internal__fid":2,"langcode":"en","filename":"a_0.png","uri":{"value":"public://2026-12/a_0.png","url":"/sites/default/files/2026-12/a_0.png"},
               "filemime":"image/png","filesize":1234,"status":true,"created":"2026-01-01T00:00:00+00:00","changed":"2026-01-01T00:00:00+00:00"},
             "relationships":{"uid":{"data":{"type":"user--user","id":"00000000-05e4-4c3e-9f00-000000000000","meta":{"drupal_internal__target_id":0}}}}}
            """));

        Assert.Equal("file", entity.EntityType);
        Assert.Null(entity.Bundle);
        Assert.Equal(
            "{filename: [{value: 'a_0.png'}], uri: [{value: 'public://2026-12/a_0.png'}], filemime: [{value: 'image/png'}], filesize: [{value: 1234}], status: [{value: true}], uid: [{target_id: 0}]}",
            Text(entity.Fields));
        Assert.Equal(new Uri("https://site.test:8443/sites/default/files/2026-12/a_0.png"), entity.FileUrl);
        Assert.Equal(0, entity.Depends.Count);
    }

    [Fact]
    public void A_file_url_that_is_already_absolute_is_kept()
    {
        var entity = ResourceMapper.FromResource(Resource("""
            {"type":"file--file","id":"00000002-f11e-4c3e-9f00-000000000002","links":{"self":{"href":"http://site.test/jsonapi/file/file/00000002-f11e-4c3e-9f00-000000000002"}},
             "attributes":{"uri":{"value":"s3://bucket/a.png","url":"https://cdn.example.com/a.png"}}}
            """));

        Assert.Equal(new Uri("https://cdn.example.com/a.png"), entity.FileUrl);
    }

    [Fact]
    public void A_user_keeps_its_account_fields_with_access_and_login_as_unix_seconds_and_roles_by_machine_name()
    {
        var entity = ResourceMapper.FromResource(Resource("""
            {"type":"user--user","id":"00000003-05e4-4c3e-9f00-000000000003",
             "attributes":{"display_name":"carol","drupal_internal__uid":3,"langcode":"en","preferred_langcode":"en","preferred_admin_langcode":null,
               "name":"carol","mail":"carol@example.com","timezone":"UTC","status":true,"created":"2023-07-25T04:26:40+00:00","changed":"2023-07-25T04:26:40+00:00",
               "access":"2023-07-25T06:26:40+02:00","login":"1970-01-01T00:00:00+00:00","init":"carol@example.com","default_langcode":true,
               "path":{"alias":null,"pid":null,"langcode":"en"}},
             "relationships":{"roles":{"data":[{"type":"user_role--user_role","id":"9b3c0b9e-0000-4000-8000-000000000001","meta":{"drupal_internal__target_id":"editor"}}]}}}
            """));

        Assert.Null(entity.Bundle);
        Assert.Equal(
            "{preferred_langcode: [{value: 'en'}], name: [{value: 'carol'}], mail: [{value: 'carol@example.com'}], timezone: [{value: 'UTC'}], status: [{value: true}], "
            + "access: [{value: 1690259200}], login: [{value: 0}], init: [{value: 'carol@example.com'}], path: [{alias: null, langcode: 'en'}], roles: [{target_id: 'editor'}]}",
            Text(entity.Fields));
        Assert.Equal(0, entity.Depends.Count);
    }

    [Fact]
    public void A_resource_read_as_dictionaries_maps_the_same()
    {
        var dictionaries = PSObject.AsPSObject(DrupalOAuth.Json.JsonToPSObject.Parse(Encoding.UTF8.GetBytes(Article), asHashtable: true)!);

        Assert.Equal(Text(ResourceMapper.FromResource(Resource(Article)).Fields), Text(ResourceMapper.FromResource(dictionaries).Fields));
    }

    [Fact]
    public void Fields_keep_the_resource_s_order_attributes_first()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));

        Assert.Equal(
            new[] { "status", "title", "promote", "sticky", "revision_translation_affected", "path", "body", "field_external_id", "field_featured", "field_keywords", "field_rating", "field_score", "revision_uid", "uid", "field_image", "field_tags" },
            entity.Fields.Keys);
    }

    [Theory]
    [InlineData("{'id':'00000002-d7a1-4c3e-9f00-000000000002','links':{'self':{'href':'http://site.test/jsonapi/node/article/x'}},'attributes':{}}", "type")]
    [InlineData("{'type':'node--article','attributes':{}}", "id")]
    public void Something_that_is_no_resource_is_an_invalid_response(string json, string missing)
    {
        var e = Assert.Throws<DrupalException>(() => ResourceMapper.FromResource(Resource(json.Replace('\'', '"'))));

        Assert.Equal("InvalidResponse", e.ErrorId);
        Assert.Contains($"has no '{missing}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node", "drupal_internal__nid", true)]
    [InlineData("node", "drupal_internal__vid", true)]
    [InlineData("node", "langcode", true)]
    [InlineData("node", "default_langcode", true)]
    [InlineData("node", "created", true)]
    [InlineData("node", "changed", true)]
    [InlineData("node", "revision_timestamp", true)]
    [InlineData("node", "node_type", true)]
    [InlineData("node", "revision_uid", false)]
    [InlineData("node", "revision_log", false)]
    [InlineData("node", "revision_translation_affected", false)]
    [InlineData("node", "content_translation_source", false)]
    [InlineData("node", "content_translation_outdated", false)]
    [InlineData("node", "path", false)]
    [InlineData("node", "uid", false)]
    [InlineData("taxonomy_term", "vid", true)]
    [InlineData("taxonomy_term", "revision_created", true)]
    [InlineData("taxonomy_term", "parent", false)]
    [InlineData("media", "bundle", true)]
    [InlineData("block_content", "block_content_type", true)]
    [InlineData("user", "display_name", true)]
    [InlineData("user", "pass", true)]
    [InlineData("user", "access", false)]
    [InlineData("user", "roles", false)]
    [InlineData("file", "uri", false)]
    [InlineData("node", "metatag", true)]
    [InlineData("node", "moderation_state", true)]
    [InlineData("node", "content_translation_created", true)]
    [InlineData("node", "content_translation_uid", false)]
    [InlineData("comment", "comment_type", true)]
    [InlineData("comment", "entity_id", false)]
    [InlineData("paragraph", "paragraph_type", true)]
    [InlineData("media", "thumbnail", false)]
    [InlineData("media", "revision_user", false)]
    public void Is_left_out_says_what_core_never_writes(string entityType, string field, bool leftOut) =>
        Assert.Equal(leftOut, ResourceMapper.IsLeftOut(entityType, field));
}
