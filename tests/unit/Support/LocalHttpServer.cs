using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DrupalOAuth.Tests.Support;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 and a free port, for tests that need a real socket. Each request runs the
/// handler, which answers, waits, stalls or drops the connection. Every answer closes the connection, so each
/// request arrives on a connection of its own. Disposing stops the listener and ends stalled exchanges. With
/// <c>https</c> it speaks TLS with a self-signed certificate, which a client accepts only when it skips the check.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private static readonly Lazy<X509Certificate2> SelfSigned = new(CreateSelfSignedCertificate);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<HttpExchange, Task> _handler;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentBag<TcpClient> _clients = new();
    private readonly Task _acceptLoop;
    private readonly bool _https;

    public LocalHttpServer(Func<HttpExchange, Task> handler, bool https = false)
    {
        _handler = handler;
        _https = https;
        _listener.Start();
        BaseUri = new Uri($"{(https ? "https" : "http")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>A server that answers its first request one way and every later one another.</summary>
    public static LocalHttpServer FirstThen(Func<HttpExchange, Task> first, Func<HttpExchange, Task> then) => InTurn(first, then);

    /// <summary>A server that answers the n-th request with the n-th behaviour, and every request after the last with the last.</summary>
    public static LocalHttpServer InTurn(params Func<HttpExchange, Task>[] behaviours)
    {
        var answered = 0;
        return new LocalHttpServer(x => behaviours[Math.Min(Interlocked.Increment(ref answered), behaviours.Length) - 1](x));
    }

    /// <summary>Every request received so far, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>A port on which nothing listens (bound, then released at once).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _clients.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = await OpenStreamAsync(client);
                var request = await ReadRequestAsync(stream, _stopping.Token);
                if (request == null)
                {
                    return;
                }

                _requests.Enqueue(request);
                await _handler(new HttpExchange(request, stream, client, _stopping.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or AuthenticationException)
            {
                // The client went away, refused the certificate, or the server stopped: nothing to answer.
            }
        }
    }

    private async Task<Stream> OpenStreamAsync(TcpClient client)
    {
        if (!_https)
        {
            return client.GetStream();
        }

        var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsServerAsync(SelfSigned.Value).WaitAsync(_stopping.Token);
        return tls;
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // A round trip through PFX gives the certificate a private key that every platform's TLS stack can use.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.WriteByte(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new ReceivedRequest(requestLine[0], requestLine[1], headers, body);
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        var bytes = head.GetBuffer();
        var n = (int)head.Length;
        return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }
}

/// <summary>A request as the server read it.</summary>
/// <param name="Target">The request target: path and query, such as /oauth/token.</param>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Path => Target.Split('?')[0];

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body read as application/x-www-form-urlencoded.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty));
}

/// <summary>One request and the means to answer it.</summary>
/// <param name="Stopping">Cancelled when the server is disposed.</param>
public sealed class HttpExchange(ReceivedRequest request, Stream stream, TcpClient client, CancellationToken stopping)
{
    public ReceivedRequest Request { get; } = request;

    public CancellationToken Stopping { get; } = stopping;

    public Task RespondAsync(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        WriteRawAsync(ResponseHead(status, Encoding.UTF8.GetByteCount(body), contentType, headers) + body);

    public Task WriteRawAsync(string text) => WriteRawAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteRawAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes, Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>A redirect with no body; <paramref name="location"/> may be relative.</summary>
    public Task RedirectAsync(int status, string location) => RespondAsync(status, string.Empty, "text/html", ("Location", location));

    /// <summary>Sends the status line, the headers and part of the announced body, then drops the connection.</summary>
    public async Task CutShortAsync()
    {
        await WriteRawAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":");
        Abort();
    }

    /// <summary>Sends the status line and headers, announcing a body, and then sends nothing until the server stops.</summary>
    public async Task StallAfterHeadersAsync()
    {
        await WriteRawAsync(ResponseHead(200, 1000, "application/json") + "{\"data\":");
        await StallAsync();
    }

    /// <summary>Sends nothing at all until the server stops.</summary>
    public Task StallAsync() => Task.Delay(Timeout.Infinite, Stopping);

    /// <summary>Drops the connection without an answer.</summary>
    public void Abort()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }

    private static string ResponseHead(int status, int contentLength, string contentType, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(ReasonPhrases.For(status)).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(contentLength).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return head.Append("\r\n").ToString();
    }
}
