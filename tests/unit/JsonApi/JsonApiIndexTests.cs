using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class JsonApiIndexTests
{
    private static readonly Uri EntryPoint = new("https://drupal.example.com/jsonapi");
    private static readonly Uri SiteUri = new("https://drupal.example.com/");

    [Fact]
    public void Each_link_but_self_is_a_resource_type_with_its_collection_uri()
    {
        var index = Parse(JsonApiDocuments.Index(EntryPoint, "node--article", "taxonomy_term--tags", "user--user"));

        Assert.Equal(new[] { "node--article", "taxonomy_term--tags", "user--user" }, index.Types.Keys);
        Assert.Equal(new Uri("https://drupal.example.com/jsonapi/taxonomy_term/tags"), index.Types["taxonomy_term--tags"]);
    }

    [Fact]
    public void The_user_the_token_acts_as_is_read_from_meta_links_me()
    {
        Assert.Equal(JsonApiDocuments.UserId(2), Parse(JsonApiDocuments.Index(EntryPoint, "node--article")).MeId);
    }

    [Fact]
    public void Links_may_be_plain_strings_or_relative_and_resolve_against_the_entry_point()
    {
        var index = Parse("{\"links\":{\"self\":\"/api\",\"node--page\":\"https://drupal.example.com/api/node/page\",\"node--article\":{\"href\":\"/api/node/article\"},\"broken\":{\"meta\":{}}}}");

        Assert.Equal(new[] { "node--article", "node--page" }, index.Types.Keys);
        Assert.Equal(new Uri("https://drupal.example.com/api/node/article"), index.Types["node--article"]);
        Assert.Null(index.MeId);
    }

    [Fact]
    public void An_entry_point_without_links_offers_no_types()
    {
        Assert.Empty(Parse("{\"data\":[]}").Types);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Page not found | Site</title></head></html>", "text/html")]
    [InlineData("[]", "application/json")]
    public void An_answer_that_is_not_a_JSON_object_is_an_invalid_response(string body, string contentType)
    {
        var e = DrupalAssert.Fails("InvalidResponse", () => JsonApiIndex.Parse(HttpResults.Make(200, body, contentType, EntryPoint), SiteUri));

        Assert.Contains(EntryPoint.ToString(), e.Message);
    }

    [Fact]
    public void Html_says_to_check_the_JSON_API_path()
    {
        var e = DrupalAssert.Fails("InvalidResponse", () => JsonApiIndex.Parse(HttpResults.Html(200, "Welcome | Site", EntryPoint), SiteUri));

        Assert.Contains("-JsonApiPath", e.Message);
    }

    [Theory]
    [InlineData("node", "article", "node--article")]
    [InlineData("user", null, "user--user")]
    [InlineData("node--article", null, "node--article")]
    [InlineData("taxonomy_term", "tags", "taxonomy_term--tags")]
    public void Resolve_finds_a_type_by_entity_type_and_bundle_or_by_its_own_name(string entityType, string? bundle, string expected)
    {
        var type = Site().Resolve(entityType, bundle, EntryPoint);

        Assert.Equal(expected, type.Key);
        Assert.Equal(Site().Types[expected], type.Value);
    }

    [Fact]
    public void A_bundle_beside_a_type_name_looks_for_the_combination()
    {
        DrupalAssert.Fails("UnknownResourceType", () => Site().Resolve("node--article", "article", EntryPoint));
    }

    [Fact]
    public void An_unknown_type_lists_the_sites_types_nearest_first()
    {
        var e = DrupalAssert.Fails("UnknownResourceType", () => Site().Resolve("node", "artcle", EntryPoint));

        Assert.Equal(DrupalErrorCategory.ObjectNotFound, e.Category);
        Assert.Equal("node--artcle", e.Target);
        Assert.Contains("The site's JSON:API has no resource type 'node--artcle'. It offers, nearest first: node--article, node--page, ", e.Message);
        Assert.DoesNotContain("in all", e.Message);
    }

    [Fact]
    public void Of_many_types_the_nearest_eight_are_shown_with_the_total()
    {
        var many = Enumerable.Range(1, 12).Select(i => $"node--type{i:D2}").ToArray();

        var e = DrupalAssert.Fails("UnknownResourceType", () => Parse(JsonApiDocuments.Index(EntryPoint, many)).Resolve("node", "type5", EntryPoint));

        Assert.Contains("nearest first: node--type05, ", e.Message);
        Assert.Equal(8, e.Message[(e.Message.IndexOf("nearest first: ", StringComparison.Ordinal) + 15)..e.Message.IndexOf(" (", StringComparison.Ordinal)].Split(", ").Length);
        Assert.Contains("(12 in all).", e.Message);
    }

    [Fact]
    public void An_index_without_types_says_the_user_may_lack_permissions()
    {
        var e = DrupalAssert.Fails("UnknownResourceType", () => Parse("{\"data\":[],\"links\":{\"self\":{\"href\":\"https://drupal.example.com/jsonapi\"}}}").Resolve("node", "article", EntryPoint));

        Assert.Contains($"{EntryPoint} lists no resource types at all: the consumer's user may lack the permissions to view any.", e.Message);
    }

    [Fact]
    public void Links_on_another_origin_are_taken_onto_the_sites_and_the_other_origin_is_named()
    {
        var index = Parse("{\"data\":[],\"links\":{\"node--article\":{\"href\":\"http://internal:8080/jsonapi/node/article\"}}}");

        Assert.Equal(new Uri("https://drupal.example.com/jsonapi/node/article"), index.Types["node--article"]);
        Assert.Equal("internal", index.ForeignOrigin?.Host);
    }

    private static JsonApiIndex Site() =>
        Parse(JsonApiDocuments.Index(EntryPoint, "node--article", "node--page", "taxonomy_term--tags", "user--user", "file--file"));

    private static JsonApiIndex Parse(string json) => JsonApiIndex.Parse(HttpResults.Make(200, json, JsonApiDocuments.MediaType, EntryPoint), SiteUri);
}
