using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DrupalOAuth.Content;
using DrupalOAuth.Tests.Support;
using Xunit;
using static DrupalOAuth.Tests.Content.ContentYamlTests;

namespace DrupalOAuth.Tests.Content;

/// <summary>A folder in core's layout: written through a temporary file, read whole with its problems, bytes where core's importer looks.</summary>
public sealed class ContentFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "content-folder-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }
    }

    private static ContentEntity FileEntity(string uuid, string uri, string filename)
    {
        var file = new ContentEntity("file", uuid, null, "en");
        file.Fields["uid"] = Field(Item(("target_id", 1L)));
        file.Fields["filename"] = Field(Item(("value", filename)));
        file.Fields["uri"] = Field(Item(("value", uri)));
        return file;
    }

    private static ContentEntity Term(string uuid, string name)
    {
        var term = new ContentEntity("taxonomy_term", uuid, "tags", "en");
        term.Fields["name"] = Field(Item(("value", name)));
        return term;
    }

    [Fact]
    public void Written_entities_read_back_in_path_order_with_their_file_hashes()
    {
        var folder = new ContentFolder(_root);
        var article = Article();
        var file = FileEntity(FileUuid, "public://2026-01/a_0.png", "a.png");
        var bytes = Encoding.ASCII.GetBytes("not really a png");

        var articlePath = folder.Write(article);
        var filePath = folder.Write(file);
        folder.Write(Term(TagUuid, "Tag"));
        File.WriteAllBytes(folder.BytesPath(file), bytes);
        var contents = ContentFolder.Read(_root, CancellationToken.None, hashFiles: true);

        Assert.Equal(Path.Combine(_root, "node", NodeUuid + ".yml"), articlePath);
        Assert.Equal(Path.Combine(_root, "file", FileUuid + ".yml"), filePath);
        Assert.Equal(Path.Combine(_root, "file", "a_0.png"), folder.BytesPath(file));
        Assert.Empty(contents.Problems);
        Assert.Equal(_root, contents.Root);
        Assert.Equal(new[] { "file", "node", "taxonomy_term" }, contents.Entities.Select(e => e.EntityType));
        Assert.Equal(filePath, contents.Entities[0].SourcePath);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), contents.Entities[0].FileHash);
        Assert.Equal(Path.Combine(_root, "file", "a_0.png"), ContentFolder.FindBytes(contents.Entities[0]));
        Assert.Null(contents.Entities[1].FileHash);
        Assert.Equal(ContentYaml.Write(article), ContentYaml.Write(contents.Entities[1]));
        var written = File.ReadAllBytes(articlePath);
        Assert.Equal(Encoding.UTF8.GetBytes(ContentYaml.Write(article)), written);
        Assert.NotEqual(0xEF, written[0]);
    }

    [Fact]
    public void A_file_entity_without_its_bytes_has_no_hash_and_no_bytes_path()
    {
        var folder = new ContentFolder(_root);
        folder.Write(FileEntity(FileUuid, "public://image.png", "image.png"));

        var read = ContentFolder.Read(_root, CancellationToken.None).Entities.Single();

        Assert.Null(read.FileHash);
        Assert.Null(ContentFolder.FindBytes(read));
    }

    [Fact]
    public void Writing_again_replaces_the_file_and_leaves_no_temporary_file()
    {
        var folder = new ContentFolder(_root);
        folder.Write(Term(TagUuid, "First"));
        var path = folder.Write(Term(TagUuid, "Second"));

        Assert.Contains("value: Second", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(Path.Combine(_root, "taxonomy_term")));
    }

    [Fact]
    public void Yml_and_json_are_read_at_any_depth_and_a_bad_file_or_a_second_uuid_is_a_problem()
    {
        Directory.CreateDirectory(Path.Combine(_root, "deep", "er"));
        File.WriteAllText(Path.Combine(_root, "deep", "er", "a.yml"), ContentYaml.Write(Term(TagUuid, "In YAML")));
        File.WriteAllText(Path.Combine(_root, "deep", "b.json"), $"{{\"_meta\": {{\"entity_type\": \"taxonomy_term\", \"uuid\": \"{TagUuid}\"}}, \"default\": {{}}}}");
        File.WriteAllText(Path.Combine(_root, "deep", "c.json"), $"{{\"_meta\": {{\"entity_type\": \"node\", \"uuid\": \"{NodeUuid}\"}}, \"default\": {{}}}}");
        File.WriteAllText(Path.Combine(_root, "broken.yml"), "_meta: [\n");
        File.WriteAllText(Path.Combine(_root, "notes.txt"), "not content");

        var contents = ContentFolder.Read(_root, CancellationToken.None, hashFiles: true);

        // Ordinal by path: deep/b.json, deep/c.json, deep/er/a.yml.
        Assert.Equal(new[] { "b.json", "c.json" }, contents.Entities.Select(e => Path.GetFileName(e.SourcePath!)));
        Assert.Equal(2, contents.Problems.Count);
        Assert.Equal(Path.Combine(_root, "broken.yml"), contents.Problems[0].Path);
        Assert.Null(contents.Problems[0].Uuid);
        Assert.Contains("does not parse", contents.Problems[0].Message);
        Assert.Equal(Path.Combine(_root, "deep", "er", "a.yml"), contents.Problems[1].Path);
        Assert.Equal(TagUuid, contents.Problems[1].Uuid);
        Assert.Contains(Path.Combine(_root, "deep", "b.json"), contents.Problems[1].Message);
        Assert.All(contents.Problems, p => Assert.Equal(p.Message, p.ToString()));
        Assert.All(contents.Problems, p => Assert.Single(Regex.Matches(p.Message, Regex.Escape(p.Path))));
    }

    [Fact]
    public void A_missing_folder_is_ContentFolderNotFound()
    {
        var e = DrupalAssert.Fails("ContentFolderNotFound", () => ContentFolder.Read(_root, CancellationToken.None));

        Assert.Contains(_root, e.Message);
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        new ContentFolder(_root).Write(Term(TagUuid, "Tag"));

        Assert.Throws<OperationCanceledException>(() => ContentFolder.Read(_root, new CancellationToken(true)));
    }

    public static TheoryData<string, string> Traversal() => new()
    {
        { "..", NodeUuid },
        { "../outside", NodeUuid },
        { "a/b", NodeUuid },
        { "a\\b", NodeUuid },
        { "", NodeUuid },
        { "node", "../../" + NodeUuid },
        { "node", "not-a-uuid" },
    };

    [Theory]
    [MemberData(nameof(Traversal))]
    public void An_entity_type_or_uuid_that_leaves_the_folder_is_refused_and_nothing_is_written(string entityType, string uuid)
    {
        var e = DrupalAssert.Fails("InvalidContentFile", () => new ContentFolder(Path.Combine(_root, "content")).Write(new ContentEntity(entityType, uuid, null, null)));

        Assert.False(Directory.Exists(_root));
        Assert.Contains("outside the folder", e.Message);
    }

    [Theory]
    [InlineData("public://..")]
    [InlineData("public://2026-01/")]
    [InlineData("public://.")]
    public void A_uri_whose_last_segment_leaves_the_folder_is_refused(string uri)
    {
        var file = FileEntity(FileUuid, uri, "x.png");
        file.SourcePath = Path.Combine(_root, "file", FileUuid + ".yml");

        DrupalAssert.Fails("InvalidContentFile", () => new ContentFolder(_root).BytesPath(file));
        DrupalAssert.Fails("InvalidContentFile", () => ContentFolder.FindBytes(file));
    }

    [Fact]
    public void A_file_entity_with_a_uri_that_leaves_the_folder_is_a_problem_when_read()
    {
        Directory.CreateDirectory(Path.Combine(_root, "file"));
        File.WriteAllText(Path.Combine(_root, "file", FileUuid + ".yml"), ContentYaml.Write(FileEntity(FileUuid, "public://..", "x.png")));

        var contents = ContentFolder.Read(_root, CancellationToken.None, hashFiles: true);

        Assert.Empty(contents.Entities);
        Assert.Contains("public://..", contents.Problems.Single().Message);
        Assert.Single(Regex.Matches(contents.Problems.Single().Message, Regex.Escape(contents.Problems.Single().Path)));
    }

    [Fact]
    public void A_folder_that_cannot_be_made_is_ContentWriteFailed_naming_the_file()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "taxonomy_term"), "a file where the folder should be");

        var e = DrupalAssert.Fails("ContentWriteFailed", () => new ContentFolder(_root).Write(Term(TagUuid, "Tag")));

        Assert.Contains(Path.Combine(_root, "taxonomy_term", TagUuid + ".yml"), e.Message);
    }

    [Fact]
    public void A_read_entity_without_a_source_has_no_bytes()
    {
        Assert.Null(ContentFolder.FindBytes(FileEntity(FileUuid, "public://x.png", "x.png")));
    }
}
