using System.Management.Automation;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Support.JsonApiDocuments;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class JsonApiDocumentTests
{
    private static readonly Uri Articles = new("https://drupal.example.com/jsonapi/node/article");

    [Fact]
    public void A_collections_resources_become_flat_items_in_order()
    {
        var document = Read(Collection(new[] { Article(1), Article(2) }));

        Assert.Equal(new object?[] { "Article 1", "Article 2" }, document.Items.Select(i => ((PSObject)i!).Properties["title"].Value));
    }

    [Fact]
    public void A_single_resource_is_one_item()
    {
        Assert.Equal(ArticleId(4), ((PSObject)Assert.Single(Read(Single(Article(4))).Items)!).Properties["id"].Value);
    }

    [Fact]
    public void Includes_are_applied_to_the_items()
    {
        var item = (PSObject)Assert.Single(Read(Collection(new[] { Article(1) }, included: User(3)), "uid").Items)!;

        Assert.Equal("editor3", ((PSObject)item.Properties["uid"].Value).Properties["display_name"].Value);
    }

    [Fact]
    public void An_empty_page_has_no_items()
    {
        Assert.Empty(Read(Collection(Array.Empty<string>())).Items);
    }

    [Fact]
    public void Raw_gives_the_whole_document_as_one_item()
    {
        var document = Read(Collection(new[] { Article(1), Article(2) }, next: Articles + "?page%5Boffset%5D=2"), raw: true);

        var raw = (PSObject)Assert.Single(document.Items)!;
        Assert.Equal(2, document.Resources);
        Assert.Equal(new[] { "jsonapi", "data", "links" }, raw.Properties.Select(p => p.Name));
        Assert.NotNull(document.Next);
    }

    [Fact]
    public void The_next_link_is_read_with_its_brackets_still_encoded()
    {
        var next = Read(Collection(new[] { Article(1) }, next: Articles + "?page%5Boffset%5D=50&page%5Blimit%5D=50")).Next;

        Assert.Equal(Articles + "?page%5Boffset%5D=50&page%5Blimit%5D=50", next!.AbsoluteUri);
    }

    [Fact]
    public void A_next_link_given_as_a_string_or_relative_is_resolved_against_the_request()
    {
        Assert.Equal(new Uri(Articles + "?page%5Boffset%5D=2"), Read("{\"data\":[],\"links\":{\"next\":\"?page%5Boffset%5D=2\"}}").Next);
        Assert.Equal(new Uri("https://drupal.example.com/jsonapi/node/page"), Read("{\"data\":[],\"links\":{\"next\":{\"href\":\"/jsonapi/node/page\"}}}").Next);
    }

    [Fact]
    public void The_last_page_has_no_next_link()
    {
        Assert.Null(Read(Collection(new[] { Article(1) })).Next);
    }

    [Fact]
    public void Omitted_counts_the_item_links_and_keeps_Drupals_detail()
    {
        var document = Read(Collection(new[] { Article(1) }, meta: Omitted(3)));

        Assert.Equal(3, document.Omitted);
        Assert.Equal(OmittedDetail, document.OmittedDetail);
    }

    [Fact]
    public void Without_meta_omitted_nothing_was_left_out()
    {
        var document = Read(Collection(new[] { Article(1) }));

        Assert.Equal(0, document.Omitted);
        Assert.Null(document.OmittedDetail);
        Assert.Null(document.Count);
    }

    [Fact]
    public void Meta_count_is_the_total_when_the_site_reports_one()
    {
        Assert.Equal(125L, Read(Collection(new[] { Article(1) }, meta: "\"count\":125")).Count);
    }

    [Fact]
    public void Items_in_another_language_than_asked_for_are_counted_with_the_first_such_langcode()
    {
        var document = Read(Collection(new[] { Article(1, "es"), Article(2, "en"), Article(3, "fr") }), language: "es");

        Assert.Equal(2, document.OtherLanguage);
        Assert.Equal("en", document.OtherLanguageCode);
    }

    [Fact]
    public void The_language_is_compared_without_regard_to_case()
    {
        Assert.Equal(0, Read(Collection(new[] { Article(1, "pt-br") }), language: "pt-BR").OtherLanguage);
    }

    [Fact]
    public void Without_a_language_no_fallback_is_counted()
    {
        Assert.Equal(0, Read(Collection(new[] { Article(1, "en") })).OtherLanguage);
    }

    [Fact]
    public void An_HTML_answer_is_an_invalid_response_that_points_at_the_JSON_API_path()
    {
        var e = DrupalAssert.Fails("InvalidResponse", () => JsonApiDocument.Read(HttpResults.Html(200, "Home | Site", Articles), Array.Empty<string>(), null, false));

        Assert.Contains("not a JSON:API document", e.Message);
        Assert.Contains("-JsonApiPath", e.Message);
    }

    private static JsonApiDocument Read(string json, string? include = null, string? language = null, bool raw = false) =>
        JsonApiDocument.Read(HttpResults.Make(200, json, MediaType, Articles), include == null ? Array.Empty<string>() : new[] { include }, language, raw);
}
