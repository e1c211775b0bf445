using System.Collections.Specialized;
using DrupalOAuth.Content;
using Xunit;
using static DrupalOAuth.Tests.Content.ResourceMapperPayloadTests;
using static DrupalOAuth.Tests.Content.ResourceMapperTests;

namespace DrupalOAuth.Tests.Content;

/// <summary>Translations read through the language prefix, and the round trip resource → content → payload → resource.</summary>
public sealed class ResourceMapperTranslationTests
{
    /// <summary>The test server's article 2 under /es/jsonapi: title, body and path in Spanish, the rest as in English.</summary>
    private static readonly string Spanish = Article
        .Replace("\"langcode\":\"en\"", "\"langcode\":\"es\"")
        .Replace("\"default_langcode\":true", "\"default_langcode\":false")
        .Replace("\"title\":\"Article 2\"", "\"title\":\"Artículo 2\"")
        .Replace("Body of article 2.", "Cuerpo del artículo 2.")
        .Replace("/jsonapi/", "/es/jsonapi/");

    [Fact]
    public void A_translation_keeps_the_fields_that_differ_from_the_default_path_included()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));

        ResourceMapper.AddTranslation(entity, "es", Resource(Spanish));

        Assert.Equal(new[] { "es" }, entity.Translations.Keys);
        Assert.Equal(
            "{title: [{value: 'Artículo 2'}], path: [{alias: null, langcode: 'es'}], body: [{value: '<p>Cuerpo del artículo 2.</p>', format: 'basic_html', summary: null}]}",
            Text(entity.Translations["es"]));
        Assert.Equal("Article 2", entity.Label);
    }

    [Fact]
    public void No_translation_when_the_site_answers_in_the_default_language()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));

        ResourceMapper.AddTranslation(entity, "es", Resource(Article.Replace("/jsonapi/", "/es/jsonapi/")));

        Assert.Empty(entity.Translations);
    }

    [Fact]
    public void A_translated_image_adds_its_file_to_depends()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));
        var translated = Spanish.Replace("\"id\":\"00000002-f11e-4c3e-9f00-000000000002\",\"meta\":{\"alt\":\"Image of article 2\"", "\"id\":\"00000007-f11e-4c3e-9f00-000000000007\",\"meta\":{\"alt\":\"Imagen\"");

        ResourceMapper.AddTranslation(entity, "es", Resource(translated));

        Assert.Equal("[{entity: '00000007-f11e-4c3e-9f00-000000000007', alt: 'Imagen', title: '', width: 640, height: 480}]", Text(entity.Translations["es"]["field_image"]));
        Assert.Equal("file", entity.Depends["00000007-f11e-4c3e-9f00-000000000007"]);
    }

    [Fact]
    public void A_translation_becomes_a_payload_of_its_own_fields()
    {
        var entity = ResourceMapper.FromResource(Resource(Article));
        ResourceMapper.AddTranslation(entity, "es", Resource(Spanish));

        var payload = ResourceMapper.ToPayload(entity, entity.Translations["es"], new SameSite(), null);

        Assert.Equal(new object[] { "title", "path", "body" }, payload.Attributes.Keys.Cast<object>());
        Assert.Empty(payload.Relationships);
    }

    [Fact]
    public void A_label_only_user_has_no_fields()
    {
        var entity = ResourceMapper.FromResource(Resource("""{"type":"user--user","id":"00000004-05e4-4c3e-9f00-000000000004","attributes":{"display_name":"dave"}}"""));

        Assert.Equal(0, entity.Fields.Count);
        Assert.Null(entity.DefaultLangcode);
    }

    /// <summary>
    /// What ToPayload sends, answered back by a site as JSON:API shows it (the same attributes; identifiers with their
    /// meta), reads as the same field items: nothing is lost or changed on the way.
    /// </summary>
    [Fact]
    public void Resource_to_content_to_payload_and_back_gives_the_same_items()
    {
        var source = """
            {"type":"node--article","id":"00000009-d7a1-4c3e-9f00-000000000009","links":{"self":{"href":"http://site.test/jsonapi/node/article/00000009-d7a1-4c3e-9f00-000000000009"}},
             "attributes":{"drupal_internal__nid":9,"langcode":"en","status":true,"title":"All kinds","created":"2026-01-01T00:00:00+00:00","promote":false,"sticky":true,
               "path":{"alias":"/all","pid":3,"langcode":"en"},"revision_log":"Imported.",
               "body":{"value":"<p>B</p>","format":"basic_html","processed":"<p>B</p>","summary":"S"},
               "comment":{"status":2,"cid":0,"last_comment_timestamp":"2026-01-01T00:00:00+00:00","last_comment_name":null,"last_comment_uid":3,"comment_count":0},
               "field_s":"Hello","field_b":true,"field_i":-7,"field_d":"12.50","field_f":3.25,"field_ls":["red","blue"],"field_li":[1,3],"field_e":"a@example.com",
               "field_p":"+1 555 0100","field_l":[{"uri":"internal:/node/1","title":null,"options":{"attributes":{"target":"_blank"}}},{"uri":"https://example.com","title":"Ex","options":[]}],
               "field_date":"2024-01-02","field_dt":"2024-01-02T14:04:05+11:00","field_dr":{"value":"2024-01-02T03:04:05+00:00","end_value":"2024-01-03T03:04:05+00:00"},
               "field_t":{"value":"x","format":"plain_text","processed":"x"}},
             "relationships":{
               "uid":{"data":{"type":"user--user","id":"00000003-05e4-4c3e-9f00-000000000003","meta":{"drupal_internal__target_id":3}}},
               "field_image":{"data":[{"type":"file--file","id":"00000002-f11e-4c3e-9f00-000000000002","meta":{"alt":"A","title":"T","width":40,"height":20,"drupal_internal__target_id":2}}]},
               "field_file":{"data":{"type":"file--file","id":"00000004-f11e-4c3e-9f00-000000000004","meta":{"display":true,"description":"","drupal_internal__target_id":4}}},
               "field_tags":{"data":[{"type":"taxonomy_term--tags","id":"00000001-7a95-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":1}},
                                     {"type":"taxonomy_term--tags","id":"00000002-7a95-4c3e-9f00-000000000002","meta":{"drupal_internal__target_id":2}}]}}}
            """;
        var entity = ResourceMapper.FromResource(Resource(source));

        var payload = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), null);
        var relationships = new OrderedDictionary();
        foreach (System.Collections.DictionaryEntry relationship in payload.Relationships)
        {
            relationships[relationship.Key] = new OrderedDictionary { ["data"] = relationship.Value };
        }

        var answered = ResourceMapper.FromResource(Resource(Support.Json.Write(new OrderedDictionary
        {
            ["type"] = "node--article", ["id"] = entity.Uuid, ["attributes"] = payload.Attributes, ["relationships"] = relationships,
        })));

        Assert.Equal(Text(entity.Fields), Text(answered.Fields));
        Assert.Equal(Text(entity.Depends), Text(answered.Depends));
        Assert.Empty(payload.Unresolved);
    }
}
