using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DrupalOAuth.Content;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

/// <summary>
/// The exporter against a small site of one article, the renamed upload it shows (<c>a_0.png</c>, filename
/// <c>a.png</c>) and a tag that is gone: YAML and bytes in core's layout, byte-stable, failures per entity.
/// </summary>
public sealed class ContentExporterTests : IDisposable
{
    private const string ArticleId = "00000001-d7a1-4c3e-9f00-000000000001";
    private const string FileId = "00000001-f11e-4c3e-9f00-000000000001";
    private const string GoneTag = "dead0000-7a95-4c3e-9f00-000000000001";
    private const string BytesPath = "/sites/default/files/2026-01/a_0.png";

    private static readonly byte[] Bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not quite a png ", 5000)));

    private readonly FakeDrupal _drupal = new();
    private readonly RecordingLog _log = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "content-export-" + Guid.NewGuid().ToString("N"));

    public ContentExporterTests() => _drupal.Site = ServeAsync;

    private bool FailDownload { get; set; }

    public void Dispose()
    {
        _drupal.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_each_entity_and_the_file_bytes_under_the_uri_s_last_segment_with_their_hash()
    {
        var results = await ExportAsync(_root);

        var article = Assert.Single(results, r => r.EntityType == "node");
        Assert.Equal(ContentAction.Exported, article.Action);
        Assert.Equal("Article 1", article.Label);
        Assert.Equal(Path.Combine(_root, "node", ArticleId + ".yml"), article.Path);
        var file = Assert.Single(results, r => r.EntityType == "file");
        Assert.Equal(ContentAction.Exported, file.Action);
        Assert.Equal(Bytes, File.ReadAllBytes(Path.Combine(_root, "file", "a_0.png")));
        Assert.False(File.Exists(Path.Combine(_root, "file", "a.png")));
        Assert.Contains("filename", File.ReadAllText(file.Path!), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
        Assert.Contains(_log.Lines, l => l.Contains($"{Bytes.Length} bytes written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dependency_that_is_gone_is_a_failed_result_and_the_rest_is_written()
    {
        var results = await ExportAsync(_root);

        var gone = Assert.Single(results, r => r.Action == ContentAction.Failed);
        Assert.Equal(GoneTag, gone.Uuid);
        Assert.Equal("taxonomy_term", gone.EntityType);
        Assert.Contains(ArticleId, gone.Error, StringComparison.Ordinal);
        Assert.Equal(2, results.Count(r => r.Action == ContentAction.Exported));
    }

    [Fact]
    public async Task A_download_that_fails_is_a_failed_result_and_leaves_no_yaml_without_its_bytes()
    {
        FailDownload = true;

        var results = await ExportAsync(_root);

        var file = Assert.Single(results, r => r.EntityType == "file");
        Assert.Equal(ContentAction.Failed, file.Action);
        Assert.Contains(BytesPath, file.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "file", FileId + ".yml")));
        Assert.True(File.Exists(Path.Combine(_root, "node", ArticleId + ".yml")));
    }

    [Fact]
    public async Task Exporting_twice_gives_identical_bytes()
    {
        var second = _root + "-again";
        try
        {
            await ExportAsync(_root);
            await ExportAsync(second);

            var first = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(3, first.Count);
            Assert.Equal(first, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).OrderBy(f => f, StringComparer.Ordinal));
            Assert.All(first, f => Assert.Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, f))), SHA256.HashData(File.ReadAllBytes(Path.Combine(second, f)))));
        }
        finally
        {
            if (Directory.Exists(second))
            {
                Directory.Delete(second, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Hashing_reads_the_bytes_without_writing_them()
    {
        var session = (await _drupal.OpenAsync(_drupal.Settings())).OpenContent();
        var file = new ContentEntity("file", FileId, null, "en") { FileUrl = new Uri(_drupal.SiteUri, BytesPath) };

        var hash = await new ContentFiles(session).HashAsync(file, _log, CancellationToken.None);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(Bytes)).ToLowerInvariant(), hash);
        Assert.Equal(hash, file.FileHash);
    }

    [Fact]
    public async Task A_walk_for_comparison_hashes_each_file_and_writes_nothing()
    {
        var session = (await _drupal.OpenAsync(_drupal.Settings())).OpenContent();
        var walker = new ContentWalker(session, new EntityQuery("node", "article"), null, new ContentWalkOptions { Languages = Array.Empty<string>() });
        var reader = new SiteContentReader(session, walker);
        var entities = new List<ContentEntity>();
        while (await reader.NextAsync(_log, CancellationToken.None) is { } batch)
        {
            entities.AddRange(batch);
        }

        var file = Assert.Single(entities, e => e.EntityType == "file");
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Bytes)).ToLowerInvariant(), file.FileHash);
        Assert.Null(Assert.Single(entities, e => e.EntityType == "node").FileHash);
        Assert.False(Directory.Exists(_root));
    }

    private async Task<List<ContentResult>> ExportAsync(string root)
    {
        var session = (await _drupal.OpenAsync(_drupal.Settings())).OpenContent();
        var walker = new ContentWalker(session, new EntityQuery("node", "article"), null, new ContentWalkOptions { Languages = Array.Empty<string>() });
        var exporter = new ContentExporter(session, walker, new ContentFolder(root));
        var results = new List<ContentResult>();
        while (await exporter.NextAsync(_log, CancellationToken.None) is { } batch)
        {
            results.AddRange(batch);
        }

        return results;
    }

    private Task ServeAsync(HttpExchange x)
    {
        var jsonApi = new Uri(_drupal.SiteUri, "jsonapi");
        switch (x.Request.Path)
        {
            case "/jsonapi":
                return x.RespondAsync(200, JsonApiDocuments.Index(jsonApi, "node--article", "taxonomy_term--tags", "file--file"), JsonApiDocuments.MediaType);
            case "/jsonapi/node/article":
                return x.RespondAsync(200, JsonApiDocuments.Collection(new[] { Article() }), JsonApiDocuments.MediaType);
            case "/jsonapi/file/file":
                return x.RespondAsync(200, JsonApiDocuments.Collection(new[] { FileResource() }), JsonApiDocuments.MediaType);
            case "/jsonapi/taxonomy_term/tags":
                return x.RespondAsync(200, JsonApiDocuments.Collection(Array.Empty<string>()), JsonApiDocuments.MediaType);
            case BytesPath when !FailDownload:
                return x.RespondAsync(200, Encoding.ASCII.GetString(Bytes), "image/png");
            default:
                return x.RespondAsync(404, JsonApiDocuments.Errors(("Not Found", "404", "No route found for \"GET " + x.Request.Path + "\"", null)), JsonApiDocuments.MediaType);
        }
    }

    private string Article() => new JsonObject
    {
        ["type"] = "node--article",
        ["id"] = ArticleId,
        ["links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = new Uri(_drupal.SiteUri, "jsonapi/node/article/" + ArticleId).AbsoluteUri } },
        ["attributes"] = new JsonObject { ["drupal_internal__nid"] = 1, ["langcode"] = "en", ["status"] = true, ["title"] = "Article 1" },
        ["relationships"] = new JsonObject
        {
            ["field_image"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "file--file", ["id"] = FileId, ["meta"] = new JsonObject { ["alt"] = "A", ["title"] = "", ["width"] = 40, ["height"] = 20, ["drupal_internal__target_id"] = 1 } } },
            ["field_tags"] = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["type"] = "taxonomy_term--tags", ["id"] = GoneTag, ["meta"] = new JsonObject { ["drupal_internal__target_id"] = 9 } }) },
        },
    }.ToJsonString();

    private string FileResource() => new JsonObject
    {
        ["type"] = "file--file",
        ["id"] = FileId,
        ["links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = new Uri(_drupal.SiteUri, "jsonapi/file/file/" + FileId).AbsoluteUri } },
        ["attributes"] = new JsonObject
        {
            ["drupal_internal__fid"] = 1,
            ["langcode"] = "en",
            ["filename"] = "a.png",
            ["uri"] = new JsonObject { ["value"] = "public://2026-01/a_0.png", ["url"] = BytesPath },
            ["filemime"] = "image/png",
            ["filesize"] = Bytes.Length,
            ["status"] = true,
        },
        ["relationships"] = new JsonObject(),
    }.ToJsonString();
}
