using System.Collections;
using System.Management.Automation;
using System.Text;
using DrupalOAuth.Connections;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class RequestClientTests : IDisposable
{
    private const string JsonApiMediaType = "application/vnd.api+json";

    private readonly FakeDrupal _drupal = new();
    private readonly RecordingLog _log = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "DrupalOAuth.Tests." + Guid.NewGuid().ToString("N"));
    private Func<HttpExchange, Task> _answer = x => x.RespondAsync(200, "{\"ok\":true}");

    public RequestClientTests()
    {
        _drupal.Site = x => _answer(x);
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        _drupal.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_hashtable_body_is_sent_as_JSON()
    {
        await Invoke(new DrupalRequest("POST", "/entity/node?_format=json", new Hashtable { ["title"] = "Hello" }));

        Assert.Equal("{\"title\":\"Hello\"}", Sent.BodyText);
        Assert.Equal("application/json", Sent.Header("Content-Type"));
        Assert.Equal("application/json, */*; q=0.8", Sent.Header("Accept"));
        Assert.Equal("/entity/node?_format=json", Sent.Target);
    }

    [Fact]
    public async Task A_PSCustomObject_body_is_sent_as_JSON()
    {
        var body = new PSObject();
        body.Properties.Add(new PSNoteProperty("title", "Hello"));
        body.Properties.Add(new PSNoteProperty("promote", true));

        await Invoke(new DrupalRequest("PATCH", "/node/1?_format=json", body));

        Assert.Equal("{\"title\":\"Hello\",\"promote\":true}", Sent.BodyText);
        Assert.Equal("application/json", Sent.Header("Content-Type"));
    }

    [Fact]
    public async Task A_string_body_is_sent_as_it_is_in_UTF8()
    {
        await Invoke(new DrupalRequest("POST", "/webhook", "<p>café</p>", contentType: "text/html; charset=utf-8"));

        Assert.Equal(Encoding.UTF8.GetBytes("<p>café</p>"), Sent.Body);
        Assert.Equal("text/html; charset=utf-8", Sent.Header("Content-Type"));
    }

    [Fact]
    public async Task A_string_body_without_a_content_type_is_taken_for_JSON()
    {
        await Invoke(new DrupalRequest("POST", "/entity/node?_format=json", "{\"title\":[{\"value\":\"x\"}]}"));

        Assert.Equal("{\"title\":[{\"value\":\"x\"}]}", Sent.BodyText);
        Assert.Equal("application/json", Sent.Header("Content-Type"));
    }

    [Fact]
    public async Task A_byte_array_body_is_sent_as_it_is_as_octet_stream()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await Invoke(new DrupalRequest("POST", "/upload", bytes));

        Assert.Equal(bytes, Sent.Body);
        Assert.Equal("application/octet-stream", Sent.Header("Content-Type"));
    }

    [Fact]
    public async Task A_byte_array_wrapped_in_a_PSObject_is_sent_as_octet_stream_too()
    {
        var bytes = new byte[] { 1, 2, 3 };

        await Invoke(new DrupalRequest("POST", "/upload", PSObject.AsPSObject(bytes)));

        Assert.Equal(bytes, Sent.Body);
        Assert.Equal("application/octet-stream", Sent.Header("Content-Type"));
    }

    [Theory]
    [InlineData("/jsonapi/node/article")]
    [InlineData("jsonapi/node/article")]
    [InlineData("/jsonapi")]
    [InlineData("/es/jsonapi/node/article")]
    [InlineData("/pt-br/jsonapi/node/article/a0000001-d7a1-4c3e-9f00-000000000001")]
    public async Task Under_the_JSON_API_base_the_body_and_the_answer_are_JSON_API(string path)
    {
        await Invoke(new DrupalRequest("POST", path, new Hashtable { ["data"] = new Hashtable { ["type"] = "node--article" } }));

        Assert.Equal(JsonApiMediaType, Sent.Header("Content-Type"));
        Assert.Equal(JsonApiMediaType, Sent.Header("Accept"));
    }

    [Theory]
    [InlineData("/jsonapix/node")]
    [InlineData("/node/1")]
    [InlineData("/es/node/1")]
    public async Task Beside_the_JSON_API_base_it_is_plain_JSON(string path)
    {
        await Invoke(new DrupalRequest("POST", path, new Hashtable()));

        Assert.Equal("application/json", Sent.Header("Content-Type"));
    }

    [Fact]
    public async Task A_file_upload_under_JSON_API_sends_the_bytes_with_its_Content_Disposition()
    {
        await Invoke(new DrupalRequest(
            "POST",
            "/jsonapi/node/article/field_image",
            new byte[] { 0x89, 0x50, 0x4E, 0x47 },
            headers: new Hashtable { ["Content-Disposition"] = "file; filename=\"photo.png\"" }));

        Assert.Equal("application/octet-stream", Sent.Header("Content-Type"));
        Assert.Equal("file; filename=\"photo.png\"", Sent.Header("Content-Disposition"));
        Assert.Equal(JsonApiMediaType, Sent.Header("Accept"));
    }

    [Fact]
    public async Task A_site_beneath_a_base_path_knows_its_JSON_API_beneath_it()
    {
        using var drupal = new FakeDrupal("/drupal") { Site = x => x.RespondAsync(200, "{}") };
        var connection = await drupal.OpenAsync(drupal.Settings());

        await connection.InvokeRequestAsync(new DrupalRequest("POST", "/es/jsonapi/node/article", new Hashtable()), _log, CancellationToken.None);

        var sent = Assert.Single(drupal.SiteRequests);
        Assert.Equal("/drupal/es/jsonapi/node/article", sent.Path);
        Assert.Equal(JsonApiMediaType, sent.Header("Content-Type"));
    }

    [Fact]
    public async Task A_given_content_type_wins_and_so_does_one_in_the_headers()
    {
        await Invoke(new DrupalRequest("POST", "/jsonapi/node/article", "<x/>", contentType: "text/xml"));
        await Invoke(new DrupalRequest("POST", "/jsonapi/node/article", "<x/>", headers: new Hashtable { ["content-type"] = "application/xml" }));

        Assert.Equal(new[] { "text/xml", "application/xml" }, _drupal.SiteRequests.Select(r => r.Header("Content-Type")));
    }

    [Fact]
    public async Task An_Accept_header_replaces_the_default_and_other_headers_go_as_given()
    {
        await Invoke(new DrupalRequest("GET", "/node/1", headers: new Hashtable { ["Accept"] = "application/hal+json", ["X-Request-Id"] = 42 }));

        Assert.Equal("application/hal+json", Sent.Header("Accept"));
        Assert.Equal("42", Sent.Header("X-Request-Id"));
        Assert.Equal("Bearer drupal-token-1", Sent.Header("Authorization"));
    }

    [Fact]
    public async Task Query_parameters_are_encoded_and_appended_to_the_paths_own()
    {
        var query = new System.Collections.Specialized.OrderedDictionary { ["filter[title]"] = "Article 7", ["ids[]"] = new[] { 1, 2 } };

        await Invoke(new DrupalRequest("GET", "/jsonapi/node/article?include=uid", query: query));

        Assert.Equal("/jsonapi/node/article?include=uid&filter%5Btitle%5D=Article%207&ids%5B%5D=1&ids%5B%5D=2", Sent.Target);
    }

    [Fact]
    public async Task A_GET_sends_no_body_and_no_content_type()
    {
        await Invoke(new DrupalRequest("GET", "/node/1"));

        Assert.Empty(Sent.Body);
        Assert.Null(Sent.Header("Content-Type"));
    }

    [Fact]
    public async Task An_absolute_url_on_another_origin_is_refused_and_never_contacted()
    {
        using var elsewhere = new LocalHttpServer(x => x.RespondAsync(200, "{}"));

        await DrupalAssert.FailsAsync("CrossOriginRefused", () => Invoke(new DrupalRequest("GET", elsewhere.Url("/steal").ToString())));

        Assert.Empty(elsewhere.Requests);
        Assert.Empty(_drupal.SiteRequests);
    }

    [Fact]
    public async Task A_backslash_path_never_carries_the_token_to_another_host()
    {
        using var elsewhere = new LocalHttpServer(x => x.RespondAsync(200, "{}"));

        await DrupalAssert.FailsAsync("InvalidPath", () => Invoke(new DrupalRequest("GET", "\\/" + elsewhere.BaseUri.Authority + "/steal")));

        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_JSON_answer_comes_back_as_PowerShell_objects()
    {
        _answer = x => x.RespondAsync(200, "{\"nid\":[{\"value\":1}],\"title\":[{\"value\":\"Hello\"}]}", "application/json");

        var answer = Assert.IsType<PSObject>(await Invoke(new DrupalRequest("GET", "/node/1?_format=json")));

        Assert.Equal(new[] { "nid", "title" }, answer.Properties.Select(p => p.Name));
    }

    [Fact]
    public async Task A_JSON_API_error_document_fails_with_one_error_per_error_object()
    {
        _answer = x => x.RespondAsync(422, JsonApiDocuments.Errors(
            ("Unprocessable Content", "422", "title: This value should not be null.", "/data/attributes/title"),
            ("Unprocessable Content", "422", "body: Too long.", "/data/attributes/body")), JsonApiMediaType);

        var e = await DrupalAssert.FailsAsync("UnprocessableEntity", () => Invoke(new DrupalRequest("POST", "/jsonapi/node/article", new Hashtable())));

        Assert.Contains("title: This value should not be null. (field 'title')", e.Message);
        Assert.Contains("body: Too long. (field 'body')", Assert.Single(e.FurtherErrors).Message);
    }

    [Fact]
    public async Task OutFile_streams_a_large_body_to_the_file_and_returns_nothing()
    {
        var body = string.Concat(Enumerable.Repeat("0123456789abcdef", 512 * 1024));
        _answer = x => x.RespondAsync(200, body, "application/octet-stream");
        var file = Path.Combine(_folder, "export.bin");

        var answer = await Invoke(new DrupalRequest("GET", "/sites/default/files/export.bin", outFile: file));

        Assert.Null(answer);
        Assert.Equal(8L * 1024 * 1024, new FileInfo(file).Length);
        Assert.Equal(body, await File.ReadAllTextAsync(file));
        Assert.Contains($"the body was written to '{file}' (8388608 bytes)", _log.AllText);
    }

    [Fact]
    public async Task OutFile_replaces_a_file_that_was_there()
    {
        var file = Path.Combine(_folder, "answer.json");
        await File.WriteAllTextAsync(file, new string('x', 10_000));

        await Invoke(new DrupalRequest("GET", "/node/1?_format=json", outFile: file));

        Assert.Equal("{\"ok\":true}", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task An_error_answer_is_not_written_to_the_file()
    {
        _answer = x => x.RespondAsync(404, "{\"message\":\"No route found\"}");
        var file = Path.Combine(_folder, "missing.bin");

        await DrupalAssert.FailsAsync("NotFound", () => Invoke(new DrupalRequest("GET", "/missing", outFile: file)));

        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task An_OutFile_in_a_folder_that_does_not_exist_is_not_taken_for_a_broken_connection()
    {
        var file = Path.Combine(_folder, "no-such-folder", "export.json");

        var e = await DrupalAssert.FailsAsync("OutFileFailed", () => Invoke(new DrupalRequest("GET", "/node/1?_format=json", outFile: file)));

        Assert.Contains("Pass an -OutFile path in a folder that exists", e.Message);
        Assert.Single(_drupal.SiteRequests);
    }

    [Fact]
    public async Task A_download_cut_short_and_retried_leaves_only_the_complete_body_in_the_file()
    {
        var answered = 0;
        _answer = x => Interlocked.Increment(ref answered) == 1 ? x.CutShortAsync() : x.RespondAsync(200, "{\"complete\":true}");
        var file = Path.Combine(_folder, "retried.json");

        await Invoke(new DrupalRequest("GET", "/node/1?_format=json", outFile: file));

        Assert.Equal(2, _drupal.SiteRequests.Count);
        Assert.Equal("{\"complete\":true}", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_POST_is_not_sent_again_after_a_502_unless_the_caller_allows_it()
    {
        _answer = x => x.RespondAsync(502, "<html><head><title>Bad Gateway</title></head></html>", "text/html");

        await DrupalAssert.FailsAsync("HttpError", () => Invoke(new DrupalRequest("POST", "/entity/node", "{}")));
        var once = _drupal.SiteRequests.Count;
        await DrupalAssert.FailsAsync("HttpError", () => Invoke(new DrupalRequest("POST", "/entity/node", "{}", retryNonIdempotent: true)));

        Assert.Equal(1, once);
        Assert.Equal(1 + 1 + ConnectionSettings.DefaultMaximumRetryCount, _drupal.SiteRequests.Count);
    }

    [Fact]
    public async Task The_calls_own_retry_count_and_timeout_reach_the_pipeline()
    {
        _answer = x => x.RespondAsync(503, "<html><head><title>Service Unavailable</title></head></html>", "text/html");

        var e = await DrupalAssert.FailsAsync("HttpError", () => Invoke(new DrupalRequest("GET", "/node/1"), new CallOptions(maximumRetryCount: 1), _drupal.Settings(maximumRetryCount: 0)));

        Assert.Equal(2, _drupal.SiteRequests.Count);
        Assert.Contains("503 Service Unavailable 2 times in a row", e.Message);
    }

    [Fact]
    public async Task The_calls_own_timeout_reaches_the_pipeline()
    {
        _answer = x => x.StallAsync();

        var e = await DrupalAssert.FailsAsync("Timeout", () => Invoke(new DrupalRequest("GET", "/slow"), new CallOptions(timeoutSec: 1, maximumRetryCount: 0)));

        Assert.Contains("within 1 seconds", e.Message);
    }

    [Theory]
    [InlineData("application/json", "{\"a\":1}")]
    [InlineData("application/vnd.api+json", "{\"data\":[]}")]
    [InlineData("application/problem+json", "{\"title\":\"x\"}")]
    [InlineData("APPLICATION/JSON", "{\"a\":1}")]
    public void JSON_of_any_JSON_media_type_is_read_as_PowerShell_objects(string contentType, string body)
    {
        Assert.IsType<PSObject>(Read(body, contentType));
    }

    [Fact]
    public void A_JSON_array_is_read_as_an_array()
    {
        Assert.Equal(2, Assert.IsType<object?[]>(Read("[{\"a\":1},{\"a\":2}]", "application/json")).Length);
    }

    [Theory]
    [InlineData("text/html", "<p>Hello</p>")]
    [InlineData("text/plain", "plain")]
    [InlineData("text/csv", "a,b\n1,2")]
    [InlineData("application/xml", "<a/>")]
    [InlineData("application/rss+xml", "<rss/>")]
    [InlineData("application/javascript", "var a = 1;")]
    [InlineData(null, "no type")]
    public void Text_is_read_as_a_string(string? contentType, string body)
    {
        Assert.Equal(body, Read(body, contentType));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("application/pdf")]
    public void Anything_else_is_read_as_bytes(string contentType)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, RequestClient.Read(new HttpResult(HttpMethod.Get, HttpResults.GraphQLUri, 200, "OK", contentType, new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/html")]
    [InlineData(null)]
    public void No_body_is_nothing(string? contentType)
    {
        Assert.Null(Read(string.Empty, contentType));
    }

    [Fact]
    public void A_JSON_type_whose_body_is_not_JSON_is_an_invalid_response()
    {
        var e = DrupalAssert.Fails("InvalidResponse", () => Read("<html></html>", "application/json"));

        Assert.Contains("answered 200 OK as application/json, but its body is not JSON", e.Message);
    }

    private ReceivedRequest Sent => Assert.Single(_drupal.SiteRequests);

    private async Task<object?> Invoke(DrupalRequest request, CallOptions? options = null, ConnectionSettings? settings = null)
    {
        var connection = await _drupal.OpenAsync(settings ?? _drupal.Settings(), _log);
        return await connection.InvokeRequestAsync(request, _log, CancellationToken.None, options);
    }

    private static object? Read(string body, string? contentType) =>
        RequestClient.Read(HttpResults.Make(200, body, contentType, HttpResults.GraphQLUri, method: HttpMethod.Get));
}
