using System.Globalization;
using System.Text.Json;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control.Faults;

/// <summary>
/// A valid nodeQuery answer of about <c>mb</c> megabytes, for clients' memory use and size limits.
/// Written as it is made, chunked, as PHP behind a web server sends an answer too big to buffer.
/// </summary>
public sealed class BigFault(int megabytes) : IFault
{
    private const int MaxMegabytes = 1024;

    private const int FlushEvery = 64 * 1024;

    /// <summary>About 1 KB, so that the entity count follows from the size asked for.</summary>
    private static readonly string BodyText = string.Concat(Enumerable.Repeat(
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ", 8));

    /// <summary>The body plus the title, the names and the punctuation of one entity, roughly.</summary>
    private static readonly int EntityBytes = BodyText.Length + 40;

    public static BigFault From(FaultRequest request)
    {
        var mb = request.AtLeast(request.Mb ?? throw request.Missing("mb"), 1, "mb");
        return mb <= MaxMegabytes ? new BigFault(mb) : throw new ArgumentException($"Fault kind 'big': 'mb' must be at most {MaxMegabytes}.");
    }

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        var count = (int)((long)megabytes * 1024 * 1024 / EntityBytes);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = DrupalResponses.JsonContentType;

        await using var json = new Utf8JsonWriter(response.Body, new JsonWriterOptions { Encoder = DrupalResponses.JsonOptions.Encoder });
        json.WriteStartObject();
        json.WriteStartObject("data");
        json.WriteStartObject("nodeQuery");
        json.WriteNumber("count", count);
        json.WriteStartArray("entities");
        for (var nid = 1; nid <= count; nid++)
        {
            json.WriteStartObject();
            json.WriteString("title", "Article " + nid.ToString(CultureInfo.InvariantCulture));
            json.WriteString("body", BodyText);
            json.WriteEndObject();
            if (json.BytesPending >= FlushEvery)
                await json.FlushAsync(aborted);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(aborted);
    }
}
