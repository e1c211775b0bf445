using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DrupalOAuth.Json;

namespace DrupalOAuth.Benchmarks;

/// <summary>
/// A GraphQL answer to PowerShell objects. JsonDocument.Parse alone is the baseline: the floor any reader pays.
/// Each benchmark is one call into the engine, so that it can point at a new entry (bytes, a stream) in one line.
/// </summary>
[MemoryDiagnoser]
public class JsonToPSObjectBenchmarks
{
    private byte[] _bytes = [];
    private JsonDocument? _document;

    /// <summary>Small: 10 items of one field (258 B). Large: 5,000 items of 12 fields, one of them an object (1.68 MB).</summary>
    [Params("Small", "Large")]
    public string Answer { get; set; } = "Small";

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Answer == "Small" ? Answers.Small() : Answers.Large(5000);
        _document = JsonDocument.Parse(_bytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse")]
    public JsonValueKind Parse()
    {
        using var document = JsonDocument.Parse(_bytes);
        return document.RootElement.ValueKind;
    }

    [Benchmark(Description = "JsonToPSObject.Parse, PSObjects")]
    public object? ParseToPSObjects() => JsonToPSObject.Parse(_bytes);

    [Benchmark(Description = "JsonToPSObject.Parse, hashtables")]
    public object? ParseToHashtables() => JsonToPSObject.Parse(_bytes, asHashtable: true);

    [Benchmark(Description = "JsonToPSObject.Convert (parsed)")]
    public object? Convert() => JsonToPSObject.Convert(_document!.RootElement);
}

/// <summary>The answers, made once per benchmark process.</summary>
public static class Answers
{
    /// <summary>Like the 4.x example schema's `articles`: `{"data":{"nodeQuery":{"entities":[{"title":"ARTICLE 1"},…]}}}`.</summary>
    public static byte[] Small() => Write(writer =>
    {
        for (var i = 1; i <= 10; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("title", $"ARTICLE {i}");
            writer.WriteEndObject();
        }
    });

    /// <summary>Items of 12 fields: strings, integers, booleans and a nested object, as a wide nodeQuery would give.</summary>
    public static byte[] Large(int items) => Write(writer =>
    {
        for (var nid = 1; nid <= items; nid++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("nid", nid);
            writer.WriteString("uuid", $"{nid:x8}-d7a1-4c3e-9f00-{nid:x12}");
            writer.WriteString("title", $"Article {nid}");
            writer.WriteBoolean("status", nid % 7 != 0);
            writer.WriteBoolean("promote", nid % 2 == 0);
            writer.WriteBoolean("sticky", false);
            writer.WriteNumber("created", 1700000000L + nid * 3600L);
            writer.WriteNumber("changed", 1700000000L + nid * 3600L + 60);
            writer.WriteString("langcode", "en");
            writer.WriteString("entityBundle", "article");
            writer.WriteNumber("uid", 2);
            writer.WriteStartObject("body");
            writer.WriteString("value", $"<p>Body of article {nid}, a little longer.</p>");
            writer.WriteString("format", "basic_html");
            writer.WriteString("summary", "");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    });

    private static byte[] Write(Action<Utf8JsonWriter> entities)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WriteStartObject("nodeQuery");
            writer.WriteStartArray("entities");
            entities(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
