// RawLoop: the reference "what a minimal C# client costs". One HttpClient, System.Text.Json, nothing else.
// Prints ONE JSON object on stdout (timings in milliseconds, as doubles) for bench/Invoke-Benchmarks.ps1 to
// ConvertFrom-Json. Argument errors: usage on stderr, exit code 2. A failed request: message on stderr, exit code 1.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

const string Usage = """
    usage:
      RawLoop graphql --uri URI --query QUERY [--calls 500] [--rounds 5] [--warmup 20] [CREDENTIALS]
      RawLoop large   --uri URI --query QUERY [--rounds 3] [--warmup 1] [--accept-encoding gzip|br|deflate] [CREDENTIALS]
      RawLoop paging  --uri URI [--path /jsonapi/node/article] [--rounds 3] [--warmup 1] [CREDENTIALS]
      RawLoop patch   --uri URI [--path /jsonapi/node/article] [--calls 1000] [--rounds 1] [--warmup 0] [CREDENTIALS]
    CREDENTIALS: [--client-id backend] [--client-secret backend-secret]
    """;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"RawLoop: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    object result = options.Mode switch
    {
        "graphql" => await GraphQLLoop(options),
        "large" => await LargeAnswer(options),
        "patch" => await Patches(options),
        _ => await Paging(options),
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}
catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
{
    Console.Error.WriteLine($"RawLoop: {e.GetType().Name}: {e.Message}");
    return 1;
}

// `calls` sequential GraphQL POSTs per round, each body parsed with JsonDocument and its `data` touched.
static async Task<object> GraphQLLoop(Options o)
{
    using var http = new HttpClient(new SocketsHttpHandler());
    var token = await FetchToken(http, o);
    var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = o.Query }));
    for (var i = 0; i < o.Warmup; i++)
    {
        await PostQuery(http, o, token, body);
    }

    var msPerCall = new List<double>();
    var kbPerCall = new List<double>();
    for (var round = 0; round < o.Rounds; round++)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < o.Calls; i++)
        {
            await PostQuery(http, o, token, body);
        }

        msPerCall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / o.Calls);
        kbPerCall.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / o.Calls);
    }

    return new
    {
        mode = "graphql",
        calls = o.Calls,
        rounds = o.Rounds,
        warmup = o.Warmup,
        msPerCall,
        usPerCall = msPerCall.Select(ms => ms * 1000).ToList(),
        kbPerCall,
        medianMsPerCall = Median(msPerCall),
        medianUsPerCall = Median(msPerCall) * 1000,
        medianKBPerCall = Median(kbPerCall),
    };
}

static async Task PostQuery(HttpClient http, Options o, string token, byte[] body)
{
    using var request = QueryMessage(o, token, body);
    using var response = Succeeded(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    await using var stream = await response.Content.ReadAsStreamAsync();
    using var document = await JsonDocument.ParseAsync(stream);
    _ = document.RootElement.GetProperty("data").ValueKind;
}

// One big answer per round, twice: read and JsonDocument-parsed from the stream, and downloaded only.
static async Task<object> LargeAnswer(Options o)
{
    var wire = new ByteCounter();
    var handler = new SocketsHttpHandler
    {
        AutomaticDecompression = o.Decompression,
        // Counts the bytes read from the socket (headers included), i.e. before any decompression.
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new CountingStream(new NetworkStream(socket, ownsSocket: true), wire);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
    using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };
    var token = await FetchToken(http, o);
    var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = o.Query }));

    var parseMs = new List<double>();
    var downloadMs = new List<double>();
    long bytes = 0, wireBytes = 0;
    long? contentLength = null;
    for (var round = -o.Warmup; round < o.Rounds; round++)
    {
        var start = Stopwatch.GetTimestamp();
        using (var request = QueryMessage(o, token, body))
        using (var response = Succeeded(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead)))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(stream);
            _ = document.RootElement.GetProperty("data").ValueKind;
        }

        var parsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var wireBefore = wire.Count;
        start = Stopwatch.GetTimestamp();
        using (var request = QueryMessage(o, token, body))
        using (var response = Succeeded(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead)))
        {
            // With AutomaticDecompression on, .NET drops Content-Length (and Content-Encoding) of a compressed answer.
            contentLength = response.Content.Headers.ContentLength;
            var counter = new ByteCounter();
            await using var stream = new CountingStream(await response.Content.ReadAsStreamAsync(), counter);
            await stream.CopyToAsync(Stream.Null);
            bytes = counter.Count;
        }

        var downloaded = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        wireBytes = wire.Count - wireBefore;
        if (round >= 0)
        {
            parseMs.Add(parsed);
            downloadMs.Add(downloaded);
        }
    }

    return new
    {
        mode = "large",
        rounds = o.Rounds,
        warmup = o.Warmup,
        acceptEncoding = o.AcceptEncoding,
        bytes,
        wireBytes,
        contentLength,
        parseMs,
        downloadMs,
        medianParseMs = Median(parseMs),
        medianDownloadMs = Median(downloadMs),
        medianParseOnlyMs = Median(parseMs) - Median(downloadMs),
    };
}

// The whole JSON:API collection, following links.next.href until it is absent.
static async Task<object> Paging(Options o)
{
    using var http = new HttpClient(new SocketsHttpHandler());
    var token = await FetchToken(http, o);
    var first = new Uri(new Uri(o.Uri), o.Path);
    var roundMs = new List<double>();
    int items = 0, pages = 0;
    for (var round = -o.Warmup; round < o.Rounds; round++)
    {
        items = 0;
        pages = 0;
        var start = Stopwatch.GetTimestamp();
        Uri? next = first;
        while (next != null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/vnd.api+json");
            using var response = Succeeded(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(stream);
            var root = document.RootElement;
            items += root.GetProperty("data").GetArrayLength();
            pages++;
            next = root.TryGetProperty("links", out var links) && links.TryGetProperty("next", out var link)
                && link.TryGetProperty("href", out var href) && href.GetString() is { Length: > 0 } text
                ? new Uri(text)
                : null;
        }

        if (round >= 0)
        {
            roundMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    return new
    {
        mode = "paging",
        path = o.Path,
        rounds = o.Rounds,
        warmup = o.Warmup,
        items,
        pages,
        roundMs,
        medianMs = Median(roundMs),
    };
}

// One PATCH at a time of the title of articles nid 1 to --calls (the test server's UUIDs), each answer parsed: what a
// write loop costs with nothing but the server's time in it.
static async Task<object> Patches(Options o)
{
    using var http = new HttpClient(new SocketsHttpHandler());
    var token = await FetchToken(http, o);
    var roundMs = new List<double>();
    for (var round = -o.Warmup; round < o.Rounds; round++)
    {
        var start = Stopwatch.GetTimestamp();
        for (var nid = 1; nid <= o.Calls; nid++)
        {
            var id = string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:x8}-d7a1-4c3e-9f00-{0:x12}", nid);
            var body = JsonSerializer.SerializeToUtf8Bytes(new { data = new { type = "node--article", id, attributes = new { title = $"Raw {nid} {round}" } } });
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(new Uri(o.Uri), $"{o.Path}/{id}")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/vnd.api+json");
            using var response = Succeeded(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(stream);
            _ = document.RootElement.GetProperty("data").GetProperty("id");
        }

        if (round >= 0)
        {
            roundMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    return new
    {
        mode = "patch",
        path = o.Path,
        calls = o.Calls,
        rounds = o.Rounds,
        warmup = o.Warmup,
        roundMs,
        medianMs = Median(roundMs),
    };
}

static async Task<string> FetchToken(HttpClient http, Options o)
{
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = o.ClientId,
        ["client_secret"] = o.ClientSecret,
    });
    using var response = Succeeded(await http.PostAsync(o.Uri + "/oauth/token", form));
    using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    return document.RootElement.GetProperty("access_token").GetString()
        ?? throw new InvalidOperationException("The token answer has a null access_token.");
}

static HttpRequestMessage QueryMessage(Options o, string token, byte[] body)
{
    var request = new HttpRequestMessage(HttpMethod.Post, o.Uri + "/graphql") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    request.Headers.Accept.ParseAdd("application/json");
    return request;
}

static HttpResponseMessage Succeeded(HttpResponseMessage response)
{
    if (!response.IsSuccessStatusCode)
    {
        var request = response.RequestMessage;
        response.Dispose();
        throw new HttpRequestException($"{request?.Method} {request?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    return response;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

sealed record Options(
    string Mode, string Uri, string ClientId, string ClientSecret, string Query, string Path,
    int Calls, int Rounds, int Warmup, string? AcceptEncoding)
{
    public DecompressionMethods Decompression => AcceptEncoding switch
    {
        null => DecompressionMethods.None,
        "gzip" => DecompressionMethods.GZip,
        "br" => DecompressionMethods.Brotli,
        _ => DecompressionMethods.Deflate,
    };

    public static Options Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("graphql" or "large" or "paging" or "patch"))
        {
            throw new ArgumentException("the first argument is the mode: graphql, large, paging or patch.");
        }

        var mode = args[0];
        var allowed = new HashSet<string> { "uri", "client-id", "client-secret", "rounds", "warmup" };
        allowed.UnionWith(mode switch
        {
            "graphql" => ["query", "calls"],
            "large" => ["query", "accept-encoding"],
            "patch" => ["path", "calls"],
            _ => new[] { "path" },
        });
        var values = new Dictionary<string, string>();
        for (var i = 1; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name == null || !allowed.Contains(name))
            {
                throw new ArgumentException($"'{args[i]}' is not an option of the {mode} mode.");
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"--{name} needs a value.");
            }

            values[name] = args[i + 1];
        }

        string Text(string name, string? fallback = null) =>
            values.TryGetValue(name, out var value) && value.Length > 0 ? value
            : fallback ?? throw new ArgumentException($"--{name} is required in the {mode} mode.");

        int Number(string name, int fallback, int minimum) =>
            !values.TryGetValue(name, out var text) ? fallback
            : int.TryParse(text, out var number) && number >= minimum ? number
            : throw new ArgumentException($"--{name} must be a whole number of at least {minimum}, not '{text}'.");

        var uri = Text("uri").TrimEnd('/');
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"--uri must be an absolute URI, not '{uri}'.");
        }

        var encoding = values.GetValueOrDefault("accept-encoding");
        if (encoding is not (null or "gzip" or "br" or "deflate"))
        {
            throw new ArgumentException($"--accept-encoding must be gzip, br or deflate, not '{encoding}'.");
        }

        return new Options(
            mode,
            uri,
            Text("client-id", "backend"),
            Text("client-secret", "backend-secret"),
            mode is "paging" or "patch" ? "" : Text("query"),
            Text("path", "/jsonapi/node/article"),
            Number("calls", mode == "patch" ? 1000 : 500, 1),
            Number("rounds", mode switch { "graphql" => 5, "patch" => 1, _ => 3 }, 1),
            Number("warmup", mode switch { "graphql" => 20, "patch" => 0, _ => 1 }, 0),
            encoding);
    }
}

sealed class ByteCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(int bytes) => Interlocked.Add(ref _count, bytes);
}

// Passes everything through to the inner stream, counting the bytes read.
sealed class CountingStream(Stream inner, ByteCounter counter) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private int Counted(int read)
    {
        counter.Add(read);
        return read;
    }
}
