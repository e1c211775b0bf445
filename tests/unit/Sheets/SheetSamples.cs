using System.Management.Automation;
using System.Text.Json;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Sheets;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>Articles as a standard Drupal 10 site writes them, with a field of every kind the sheets convert.</summary>
internal static class SheetSamples
{
    public const string TypeName = "node--article";
    public const string Tag1 = "c0000001-d7a1-4c3e-9f00-000000000001";
    public const string Tag2 = "c0000002-d7a1-4c3e-9f00-000000000002";
    public const string Alice = "e0000003-d7a1-4c3e-9f00-000000000003";
    public const string Article1 = "a0000001-d7a1-4c3e-9f00-000000000001";
    public const string Article2 = "a0000002-d7a1-4c3e-9f00-000000000002";

    /// <summary>Article 1: every field holds a value.</summary>
    public const string First = """
        {"type":"node--article","id":"a0000001-d7a1-4c3e-9f00-000000000001",
         "links":{"self":{"href":"https://example.com/jsonapi/node/article/a0000001-d7a1-4c3e-9f00-000000000001"}},
         "attributes":{
           "drupal_internal__nid":1,"drupal_internal__vid":1,"langcode":"en",
           "revision_timestamp":"2026-01-02T00:01:00+00:00","revision_log":null,
           "status":true,"title":"Article 1","created":"2026-01-01T00:01:00+00:00","changed":"2026-01-02T00:01:00+00:00",
           "promote":true,"sticky":false,"default_langcode":true,"revision_translation_affected":true,
           "content_translation_source":"und","content_translation_outdated":false,
           "path":{"alias":"/first","pid":7,"langcode":"en"},
           "body":{"value":"<p>Body 1</p>","format":"basic_html","processed":"<p>Body 1</p>","summary":""},
           "comment":{"status":2,"cid":0,"last_comment_timestamp":1700000000,"last_comment_name":null,"last_comment_uid":1,"comment_count":0},
           "field_count":7,
           "field_rating":4,
           "field_event_date":"2024-01-02",
           "field_keywords":["red","green; blue"],
           "field_nothing":null,
           "field_empty_list":[]
         },
         "relationships":{
           "node_type":{"data":{"type":"node_type--node_type","id":"d0000001-d7a1-4c3e-9f00-000000000001","meta":{"drupal_internal__target_id":"article"}},"links":{}},
           "revision_uid":{"data":{"type":"user--user","id":"e0000003-d7a1-4c3e-9f00-000000000003"}},
           "uid":{"data":{"type":"user--user","id":"e0000003-d7a1-4c3e-9f00-000000000003"},"links":{"self":{"href":"x"}}},
           "field_image":{"data":null},
           "field_tags":{"data":[{"type":"taxonomy_term--tags","id":"c0000001-d7a1-4c3e-9f00-000000000001"},{"type":"taxonomy_term--tags","id":"c0000002-d7a1-4c3e-9f00-000000000002"}]},
           "field_related":{"data":[]}
         }}
        """;

    /// <summary>Article 2: a rating with a fraction, no tags, a date-time without offset where the first had a date.</summary>
    public const string Second = """
        {"type":"node--article","id":"a0000002-d7a1-4c3e-9f00-000000000002",
         "attributes":{
           "drupal_internal__nid":2,"drupal_internal__vid":2,"langcode":"en",
           "revision_timestamp":"2026-01-02T00:01:00+00:00","revision_log":null,
           "status":false,"title":"Article 2","created":"2026-01-01T00:02:00+01:00","changed":"2026-01-02T00:01:00+00:00",
           "promote":false,"sticky":false,"default_langcode":true,"revision_translation_affected":true,
           "content_translation_source":"und","content_translation_outdated":false,
           "path":{"alias":null,"pid":null,"langcode":"en"},
           "body":{"value":"<p>Body 2</p>","format":"full_html","processed":"<p>Body 2</p>","summary":null},
           "comment":{"status":1,"cid":0,"last_comment_timestamp":1700000000,"last_comment_name":null,"last_comment_uid":1,"comment_count":3},
           "field_count":null,
           "field_rating":4.5,
           "field_event_date":"2024-03-04T05:06:07",
           "field_keywords":[],
           "field_nothing":null,
           "field_empty_list":[],
           "field_late":"only here"
         },
         "relationships":{
           "node_type":{"data":{"type":"node_type--node_type","id":"d0000001-d7a1-4c3e-9f00-000000000001"}},
           "revision_uid":{"data":{"type":"user--user","id":"e0000003-d7a1-4c3e-9f00-000000000003"}},
           "uid":{"data":{"type":"user--user","id":"e0000003-d7a1-4c3e-9f00-000000000003"}},
           "field_image":{"data":null},
           "field_tags":{"data":[]},
           "field_related":{"data":[]}
         }}
        """;

    public static JsonElement Resource(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static BundleFields Articles() => BundleFields.Learn(TypeName, new[] { Resource(First), Resource(Second) });

    /// <summary>A resource as Get-DrupalEntity writes it, with <paramref name="included"/> resources for -Include.</summary>
    public static PSObject Flat(string resource, string? included = null, params string[] include)
    {
        var document = JsonDocument.Parse("{\"data\":[" + resource + "]" + (included == null ? string.Empty : ",\"included\":[" + included + "]") + "}").RootElement.Clone();
        return new ResourceFlattener(document, include).Flatten(document.GetProperty("data")[0]);
    }

    public static FieldShape Field(BundleFields fields, string name) => fields.Find(name) ?? throw new System.InvalidOperationException("no field " + name);
}
