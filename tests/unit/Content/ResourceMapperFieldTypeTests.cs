using DrupalOAuth.Content;
using Xunit;
using static DrupalOAuth.Tests.Content.ResourceMapperPayloadTests;
using static DrupalOAuth.Tests.Content.ResourceMapperTests;

namespace DrupalOAuth.Tests.Content;

/// <summary>
/// Every field type of a standard Drupal 10/11 site, as JSON:API gives it (FieldItemNormalizer, FieldNormalizer,
/// ResourceIdentifierNormalizer), to core's field items and back to what JSON:API takes. JSON is written with single
/// quotes here, to stay readable in attributes.
/// </summary>
public sealed class ResourceMapperFieldTypeTests
{
    private const string Tag1 = "00000001-7a95-4c3e-9f00-000000000001";

    private static ContentEntity Read(string attributes, string relationships = "") =>
        ResourceMapper.FromResource(Resource(
            ("{'type':'node--article','id':'00000009-d7a1-4c3e-9f00-000000000009','attributes':{'langcode':'en'" + (attributes.Length > 0 ? "," + attributes : string.Empty)
            + "},'relationships':{" + relationships + "}}").Replace('\'', '"')));

    [Theory]
    [InlineData("string", "'field_s':'Hello'", "[{value: 'Hello'}]", "'Hello'")]
    [InlineData("string_long", "'field_sl':'Line one. Line two.'", "[{value: 'Line one. Line two.'}]", "'Line one. Line two.'")]
    [InlineData("text", "'field_t':{'value':'x *y*','format':'plain_text','processed':'x *y*'}", "[{value: 'x *y*', format: 'plain_text'}]", "{'value':'x *y*','format':'plain_text'}")]
    [InlineData("text_long", "'field_tl':{'value':'Long','format':'basic_html','processed':'Long'}", "[{value: 'Long', format: 'basic_html'}]", "{'value':'Long','format':'basic_html'}")]
    [InlineData("text_with_summary", "'field_tws':{'value':'Body','format':'full_html','processed':'Body','summary':'Short'}", "[{value: 'Body', format: 'full_html', summary: 'Short'}]", "{'value':'Body','format':'full_html','summary':'Short'}")]
    [InlineData("text_with_summary, no format", "'field_tws':{'value':'Body','format':null,'processed':'Body','summary':''}", "[{value: 'Body', format: null, summary: ''}]", "{'value':'Body','format':null,'summary':''}")]
    [InlineData("boolean", "'field_b':false", "[{value: false}]", "false")]
    [InlineData("integer", "'field_i':-7", "[{value: -7}]", "-7")]
    [InlineData("integer zero", "'field_i':0", "[{value: 0}]", "0")]
    [InlineData("decimal (a string in Drupal)", "'field_d':'12.50'", "[{value: '12.50'}]", "'12.50'")]
    [InlineData("integer beyond a long: exact, as text", "'field_big':12345678901234567890", "[{value: '12345678901234567890'}]", "'12345678901234567890'")]
    [InlineData("float", "'field_f':3.25", "[{value: 3.25d}]", "3.25")]
    [InlineData("list_string, several", "'field_ls':['red','blue']", "[{value: 'red'}, {value: 'blue'}]", "['red','blue']")]
    [InlineData("list_integer, several", "'field_li':[1,3]", "[{value: 1}, {value: 3}]", "[1,3]")]
    [InlineData("list_float, one of several", "'field_lf':[0.5]", "[{value: 0.5d}]", "0.5")]
    [InlineData("email", "'field_e':'a@example.com'", "[{value: 'a@example.com'}]", "'a@example.com'")]
    [InlineData("telephone", "'field_p':'+1 555 0100'", "[{value: '+1 555 0100'}]", "'\\u002B1 555 0100'")]
    [InlineData("link", "'field_l':{'uri':'https://www.drupal.org','title':'Drupal','options':[]}", "[{uri: 'https://www.drupal.org', title: 'Drupal', options: []}]", "{'uri':'https://www.drupal.org','title':'Drupal','options':[]}")]
    [InlineData("link with options", "'field_l':[{'uri':'internal:/node/1','title':null,'options':{'attributes':{'target':'_blank'}}},{'uri':'entity:node/2','title':'Two','options':[]}]", "[{uri: 'internal:/node/1', title: null, options: {attributes: {target: '_blank'}}}, {uri: 'entity:node/2', title: 'Two', options: []}]", "[{'uri':'internal:/node/1','title':null,'options':{'attributes':{'target':'_blank'}}},{'uri':'entity:node/2','title':'Two','options':[]}]")]
    [InlineData("datetime, date only", "'field_date':'2024-01-02'", "[{value: '2024-01-02'}]", "'2024-01-02'")]
    [InlineData("datetime, stored in UTC", "'field_dt':'2024-01-02T14:04:05+11:00'", "[{value: '2024-01-02T03:04:05'}]", "'2024-01-02T03:04:05\\u002B00:00'")]
    [InlineData("datetime with a fraction (Drupal stores seconds)", "'field_dt':'2024-01-02T03:04:05.250+00:00'", "[{value: '2024-01-02T03:04:05'}]", "'2024-01-02T03:04:05\\u002B00:00'")]
    [InlineData("datetime, Z", "'field_dt':'2024-01-02T03:04:05Z'", "[{value: '2024-01-02T03:04:05'}]", "'2024-01-02T03:04:05\\u002B00:00'")]
    [InlineData("daterange", "'field_dr':{'value':'2024-01-02T03:04:05+00:00','end_value':'2024-01-03T01:00:00-02:00'}", "[{value: '2024-01-02T03:04:05', end_value: '2024-01-03T03:00:00'}]", "{'value':'2024-01-02T03:04:05\\u002B00:00','end_value':'2024-01-03T03:00:00\\u002B00:00'}")]
    [InlineData("daterange, dates only", "'field_dr':{'value':'2024-01-02','end_value':'2024-01-05'}", "[{value: '2024-01-02', end_value: '2024-01-05'}]", "{'value':'2024-01-02','end_value':'2024-01-05'}")]
    [InlineData("timestamp (not known by name: as a datetime, which a timestamp field takes)", "'field_ts':'2024-01-02T03:04:05+00:00'", "[{value: '2024-01-02T03:04:05'}]", "'2024-01-02T03:04:05\\u002B00:00'")]
    [InlineData("comment: only its status", "'comment':{'status':2,'cid':0,'last_comment_timestamp':'2026-01-01T00:00:00+00:00','last_comment_name':null,'last_comment_uid':1,'comment_count':0}", "[{status: 2}]", "{'status':2}")]
    [InlineData("path with an alias", "'path':{'alias':'/about','pid':7,'langcode':'en'}", "[{alias: '/about', langcode: 'en'}]", "{'alias':'/about','langcode':'en'}")]
    [InlineData("path without one", "'path':{'alias':null,'pid':null,'langcode':'en'}", "[{alias: null, langcode: 'en'}]", "{'alias':null,'langcode':'en'}")]
    [InlineData("revision_log when written", "'revision_log':'Fixed a typo.'", "[{value: 'Fixed a typo.'}]", "'Fixed a typo.'")]
    [InlineData("content translation metadata", "'content_translation_source':'und'", "[{value: 'und'}]", "'und'")]
    [InlineData("content_translation_outdated", "'content_translation_outdated':false", "[{value: false}]", "false")]
    public void An_attribute_becomes_items_and_comes_back_as_json_api_takes_it(string kind, string attribute, string items, string payload)
    {
        var entity = Read(attribute);
        var field = entity.Fields.Keys.Single();

        Assert.True(Text(entity.Fields[field]) == items, $"{kind}: {Text(entity.Fields[field])}");
        var sent = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), null);
        Assert.True(Payload(sent.Attributes[field]) == payload, $"{kind}: {Payload(sent.Attributes[field])}");
        Assert.Empty(sent.Relationships);
    }

    [Theory]
    [InlineData("'field_s':null")]
    [InlineData("'field_s':''")]
    [InlineData("'field_ls':[]")]
    [InlineData("'field_ls':['']")]
    [InlineData("'body':null")]
    [InlineData("'body':{'value':'','format':'basic_html','processed':'','summary':''}")]
    [InlineData("'field_l':{'uri':'','title':'','options':[]}")]
    [InlineData("'revision_log':null")]
    [InlineData("'revision_log':''")]
    [InlineData("'drupal_internal__nid':9,'drupal_internal__vid':12,'default_langcode':true,'created':'2026-01-01T00:00:00+00:00','changed':'2026-01-01T00:00:00+00:00','revision_timestamp':'2026-01-01T00:00:00+00:00'")]
    [InlineData("'content_translation_created':'2026-01-01T00:00:00+00:00','content_translation_changed':'2026-01-01T00:00:00+00:00'")]
    public void Empty_fields_and_what_core_never_writes_are_left_out(string attributes) =>
        Assert.Equal(0, Read(attributes).Fields.Count);

    [Theory]
    [InlineData("'node_type':{'data':{'type':'node_type--node_type','id':'00000001-7e9e-4c3e-9f00-000000000001','meta':{'drupal_internal__target_id':'article'}}}")]
    [InlineData("'field_image':{'data':null}")]
    [InlineData("'field_tags':{'data':[]}")]
    [InlineData("'field_tags':{'data':[{'type':'taxonomy_term--tags','id':'missing','meta':{'links':{'help':{'href':'https://www.drupal.org/docs/8/modules/json-api/core-concepts#missing'}}}}]}")]
    [InlineData("'parent':{'data':[{'type':'taxonomy_term--tags','id':'virtual','meta':{'links':{'help':{'href':'https://www.drupal.org/docs/8/modules/json-api/core-concepts#virtual'}}}}]}")]
    public void Empty_relationships_and_the_bundle_are_left_out(string relationships)
    {
        var entity = Read(string.Empty, relationships);

        Assert.Equal(0, entity.Fields.Count);
        Assert.Equal(0, entity.Depends.Count);
    }

    [Theory]
    [InlineData("entity_reference to a user", "'uid':{'data':{'type':'user--user','id':'00000005-05e4-4c3e-9f00-000000000005','meta':{'drupal_internal__target_id':5}}}", "[{entity: '00000005-05e4-4c3e-9f00-000000000005'}]", "{00000005-05e4-4c3e-9f00-000000000005: 'user'}", "{'type':'user--user','id':'00000005-05e4-4c3e-9f00-000000000005'}")]
    [InlineData("user 0", "'uid':{'data':{'type':'user--user','id':'00000000-05e4-4c3e-9f00-000000000000','meta':{'drupal_internal__target_id':0}}}", "[{target_id: 0}]", "{}", "{'type':'user--user','id':'user-0'}")]
    [InlineData("user 1", "'revision_uid':{'data':{'type':'user--user','id':'00000001-05e4-4c3e-9f00-000000000001','meta':{'drupal_internal__target_id':1}}}", "[{target_id: 1}]", "{}", "{'type':'user--user','id':'user-1'}")]
    [InlineData("entity_reference to config", "'roles':{'data':[{'type':'user_role--user_role','id':'5f1d0e2a-0000-4000-8000-000000000001','meta':{'drupal_internal__target_id':'editor'}},{'type':'user_role--user_role','id':'5f1d0e2a-0000-4000-8000-000000000002','meta':{'drupal_internal__target_id':'administrator'}}]}", "[{target_id: 'editor'}, {target_id: 'administrator'}]", "{}", "[{'type':'user_role--user_role','id':'role-editor'},{'type':'user_role--user_role','id':'role-administrator'}]")]
    [InlineData("entity_reference to another node", "'field_related':{'data':[{'type':'node--page','id':'00000004-d7a1-4c3e-9f00-000000000004','meta':{'drupal_internal__target_id':4}}]}", "[{entity: '00000004-d7a1-4c3e-9f00-000000000004'}]", "{00000004-d7a1-4c3e-9f00-000000000004: 'node'}", "{'type':'node--article','id':'00000004-d7a1-4c3e-9f00-000000000004'}")]
    [InlineData("file with display and description", "'field_file':{'data':[{'type':'file--file','id':'00000004-f11e-4c3e-9f00-000000000004','meta':{'display':true,'description':'Spec','drupal_internal__target_id':4}}]}", "[{entity: '00000004-f11e-4c3e-9f00-000000000004', display: true, description: 'Spec'}]", "{00000004-f11e-4c3e-9f00-000000000004: 'file'}", "{'type':'file--file','id':'00000004-f11e-4c3e-9f00-000000000004','meta':{'display':true,'description':'Spec'}}")]
    [InlineData("image with alt, title, width, height", "'field_image':{'data':{'type':'file--file','id':'00000003-f11e-4c3e-9f00-000000000003','meta':{'alt':'A box','title':null,'width':40,'height':20,'drupal_internal__target_id':3}}}", "[{entity: '00000003-f11e-4c3e-9f00-000000000003', alt: 'A box', title: null, width: 40, height: 20}]", "{00000003-f11e-4c3e-9f00-000000000003: 'file'}", "{'type':'file--file','id':'00000003-f11e-4c3e-9f00-000000000003','meta':{'alt':'A box','title':null,'width':40,'height':20}}")]
    [InlineData("media", "'field_media':{'data':{'type':'media--image','id':'0000000a-3ed1-4c3e-9f00-00000000000a','meta':{'drupal_internal__target_id':10}}}", "[{entity: '0000000a-3ed1-4c3e-9f00-00000000000a'}]", "{0000000a-3ed1-4c3e-9f00-00000000000a: 'media'}", "{'type':'media--media','id':'0000000a-3ed1-4c3e-9f00-00000000000a'}")]
    [InlineData("entity_reference_revisions (paragraphs): not the source's revision", "'field_paragraphs':{'data':[{'type':'paragraph--text','id':'0000000b-9a9a-4c3e-9f00-00000000000b','meta':{'target_revision_id':31,'drupal_internal__target_id':11}}]}", "[{entity: '0000000b-9a9a-4c3e-9f00-00000000000b'}]", "{0000000b-9a9a-4c3e-9f00-00000000000b: 'paragraph'}", "{'type':'paragraph--paragraph','id':'0000000b-9a9a-4c3e-9f00-00000000000b'}")]
    [InlineData("a target twice: JSON:API's arity", "'field_tags':{'data':[{'type':'taxonomy_term--tags','id':'" + Tag1 + "','meta':{'arity':0,'drupal_internal__target_id':1}},{'type':'taxonomy_term--tags','id':'" + Tag1 + "','meta':{'arity':1,'drupal_internal__target_id':1}}]}", "[{entity: '" + Tag1 + "'}, {entity: '" + Tag1 + "'}]", "{" + Tag1 + ": 'taxonomy_term'}", "[{'type':'taxonomy_term--tags','id':'" + Tag1 + "','meta':{'arity':0}},{'type':'taxonomy_term--tags','id':'" + Tag1 + "','meta':{'arity':1}}]")]
    public void A_relationship_becomes_reference_items_and_comes_back_as_identifiers(string kind, string relationship, string items, string depends, string payload)
    {
        var entity = Read(string.Empty, relationship);
        var field = entity.Fields.Keys.Single();

        Assert.True(Text(entity.Fields[field]) == items, $"{kind}: {Text(entity.Fields[field])}");
        Assert.True(Text(entity.Depends) == depends, $"{kind}: {Text(entity.Depends)}");
        var sent = ResourceMapper.ToPayload(entity, entity.Fields, new SameSite(), null);
        Assert.True(Payload(sent.Relationships[field]) == payload, $"{kind}: {Payload(sent.Relationships[field])}");
        Assert.Empty(sent.Attributes);
    }
}
