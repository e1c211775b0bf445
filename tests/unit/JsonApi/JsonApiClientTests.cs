using System.Management.Automation;
using DrupalOAuth.Connections;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Support.JsonApiDocuments;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class JsonApiClientTests : IDisposable
{
    private readonly FakeJsonApi _jsonApi = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _jsonApi.Dispose();

    [Fact]
    public async Task The_resource_types_are_read_from_the_entry_point()
    {
        var connection = await Open();

        Assert.Equal(new[] { "node--article", "node--page", "taxonomy_term--tags", "user--user" }, await connection.GetResourceTypesAsync(_log, CancellationToken.None));
        Assert.Equal(MediaType, Assert.Single(_jsonApi.IndexRequests).Header("Accept"));
    }

    [Fact]
    public async Task The_entry_point_is_read_once_per_connection()
    {
        _jsonApi.Page(0, new[] { 1 });
        var connection = await Open();

        await connection.GetResourceTypesAsync(_log, CancellationToken.None);
        await connection.PageEntities(new EntityQuery("node", "article"), new PagingScope(), raw: false).ReadAllAsync();
        await connection.PageEntities(new EntityQuery("user"), new PagingScope(), raw: false).ReadAllAsync();

        Assert.Single(_jsonApi.IndexRequests);
        Assert.Contains("offers 4 resource types; kept for this connection", _log.AllText);
    }

    [Fact]
    public async Task A_failed_read_of_the_entry_point_is_not_kept()
    {
        _jsonApi.FailIndex(1);
        var connection = await Open();

        await DrupalAssert.FailsAsync("HttpError", () => connection.GetResourceTypesAsync(_log, CancellationToken.None));
        var types = await connection.GetResourceTypesAsync(_log, CancellationToken.None);

        Assert.Equal(4, types.Count);
        Assert.Equal(2, _jsonApi.IndexRequests.Count);
    }

    [Fact]
    public async Task One_entity_is_read_by_its_id_beneath_its_types_collection()
    {
        _jsonApi.Resource("jsonapi/node/article/" + ArticleId(7), Single(Article(7), included: User(3)));
        var connection = await Open();

        var page = await connection.GetEntityAsync(new EntityQuery("node", "article", include: new[] { "uid" }, property: "title,uid"), ArticleId(7), raw: false, _log, CancellationToken.None);

        Assert.Equal($"/jsonapi/node/article/{ArticleId(7)}?include=uid&fields%5Bnode--article%5D=title%2Cuid", Assert.Single(_jsonApi.ReadTargets));
        var article = (PSObject)Assert.Single(page.Items)!;
        Assert.Equal("Article 7", article.Properties["title"].Value);
        Assert.Equal("editor3", ((PSObject)article.Properties["uid"].Value).Properties["display_name"].Value);
        Assert.Equal(1, page.Number);
        Assert.Empty(page.Warnings);
    }

    [Fact]
    public async Task One_entity_in_a_language_it_lacks_comes_with_a_warning()
    {
        _jsonApi.Resource("es/jsonapi/node/article/" + ArticleId(7), Single(Article(7, "en")));
        var connection = await Open();

        var page = await connection.GetEntityAsync(new EntityQuery("node", "article", language: "es"), ArticleId(7), raw: false, _log, CancellationToken.None);

        Assert.Equal($"/es/jsonapi/node/article/{ArticleId(7)}", Assert.Single(_jsonApi.ReadTargets));
        Assert.Equal(
            "1 of 1 node--article items have no 'es' translation: Drupal returned them in their original language ('en'), as it does silently. Compare their langcode property.",
            Assert.Single(page.Warnings));
    }

    [Fact]
    public async Task One_entity_is_read_on_the_sites_origin_when_the_entry_points_links_are_not()
    {
        using var internalHost = _jsonApi.LinksOnInternalHost();
        _jsonApi.Resource("jsonapi/node/article/" + ArticleId(7), Single(Article(7)));
        var connection = await Open();

        var page = await connection.GetEntityAsync(new EntityQuery("node", "article"), ArticleId(7), raw: false, _log, CancellationToken.None);

        Assert.Empty(internalHost.Requests);
        Assert.Equal("Article 7", ((PSObject)Assert.Single(page.Items)!).Properties["title"].Value);
    }

    [Fact]
    public async Task One_entity_that_is_not_there_is_NotFound()
    {
        var connection = await Open();

        await DrupalAssert.FailsAsync("NotFound", () => connection.GetEntityAsync(new EntityQuery("node", "article"), ArticleId(404), raw: false, _log, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("../user/user/x")]
    [InlineData("a?include=uid")]
    [InlineData("a#b")]
    [InlineData("a\\b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("a%2fb")]
    [InlineData("a%5Cb")]
    [InlineData("?x")]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\u0000b")]
    public async Task What_cannot_be_an_id_is_refused_before_anything_is_sent(string id)
    {
        var connection = await Open();

        var e = await DrupalAssert.FailsAsync("InvalidId", () => connection.GetEntityAsync(new EntityQuery("node", "article"), id, raw: false, _log, CancellationToken.None));

        Assert.Contains("Pass the entity's UUID", e.Message);
        Assert.Empty(_jsonApi.Drupal.SiteRequests);
    }

    [Fact]
    public async Task A_site_beneath_a_base_path_reads_its_JSON_API_beneath_it_too()
    {
        using var jsonApi = new FakeJsonApi("/drupal");
        jsonApi.Page(0, new[] { 1 });
        var connection = await jsonApi.OpenAsync();

        await connection.PageEntities(new EntityQuery("node", "article", language: "es"), new PagingScope(), raw: false).ReadAllAsync();

        Assert.Equal("/drupal/jsonapi", Assert.Single(jsonApi.IndexRequests).Path);
        Assert.Equal("/drupal/es/jsonapi/node/article", Assert.Single(jsonApi.Reads).Path);
    }

    [Theory]
    [InlineData("https://drupal.example.com/", "https://drupal.example.com/jsonapi/node/article", "https://drupal.example.com/es/jsonapi/node/article")]
    [InlineData("https://example.com/drupal/", "https://example.com/drupal/jsonapi/node/article", "https://example.com/drupal/es/jsonapi/node/article")]
    [InlineData("https://example.com/drupal/", "https://example.com/drupal/api/v1/node/article", "https://example.com/drupal/es/api/v1/node/article")]
    public void A_collection_in_a_language_puts_the_prefix_right_after_the_sites_base_path(string site, string type, string expected)
    {
        var client = new JsonApiClient(null!, new Uri(site), new Uri(site + "jsonapi"), "backend");

        Assert.Equal(new Uri(expected), client.Collection(new Uri(type), "es"));
        Assert.Equal(new Uri(type), client.Collection(new Uri(type), null));
    }

    private Task<DrupalConnection> Open() => _jsonApi.OpenAsync(_log);
}
