using System.Management.Automation;
using System.Text;
using System.Text.Json;
using DrupalOAuth.Json;
using Xunit;

namespace DrupalOAuth.Tests.Json;

public sealed class JsonItemStreamTests
{
    private static readonly string[] EntitiesPath = { "data", "nodeQuery", "entities" };

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task Hands_out_the_items_at_the_path_and_returns_what_is_around_them(int chunk)
    {
        var json = "{\"errors\":[{\"message\":\"m\"}],\"data\":{\"nodeQuery\":{\"count\":3,\"entities\":[{\"title\":\"A\"},{\"title\":\"B\"},{\"title\":\"C\",\"tags\":[1,2]}],\"after\":true}},\"extensions\":{}}";
        var items = new List<object?>();

        var (envelope, reader) = await JsonItemStream.ReadAsync(new ChunkedStream(json, chunk), EntitiesPath, new JsonValueReader(), (batch, _) => items.AddRange(batch), CancellationToken.None);

        Assert.True(reader.Streamed);
        Assert.Equal(3, reader.Items);
        Assert.Equal(new[] { "A", "B", "C" }, items.Cast<PSObject>().Select(item => item.Properties["title"].Value));
        var nodeQuery = (PSObject)PowerShellValue.Member(PowerShellValue.Member(envelope, "data"), "nodeQuery")!;
        Assert.Equal(new[] { "count", "entities", "after" }, nodeQuery.Properties.Select(p => p.Name));
        Assert.Empty((object?[])nodeQuery.Properties["entities"].Value);
        Assert.Equal("m", PowerShellValue.Member(((object?[])PowerShellValue.Member(envelope, "errors")!)[0], "message"));
    }

    [Fact]
    public async Task The_first_item_is_handed_out_before_the_rest_of_the_body_has_come()
    {
        var first = "{\"data\":{\"list\":[{\"n\":1},";
        var rest = "{\"n\":2}]}}";
        var firstSeen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new GatedStream(Encoding.UTF8.GetBytes(first), Encoding.UTF8.GetBytes(rest), firstSeen.Task);
        var items = new List<object?>();

        var read = JsonItemStream.ReadAsync(stream, new[] { "data", "list" }, new JsonValueReader(), (batch, _) => { items.AddRange(batch); firstSeen.TrySetResult(true); }, CancellationToken.None);
        var (_, reader) = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, reader.Items);
    }

    [Theory]
    [InlineData("{\"data\":{\"nodeQuery\":null}}")]
    [InlineData("{\"data\":{\"nodeQuery\":[{\"entities\":[1]}]}}")]
    [InlineData("{\"data\":{\"nodeQuery\":{\"entities\":{\"title\":\"one\"}}}}")]
    [InlineData("{\"data\":{\"other\":1}}")]
    public async Task A_path_that_leads_elsewhere_reads_the_whole_answer_for_the_caller_to_follow(string json)
    {
        var items = new List<object?>();

        var (envelope, reader) = await JsonItemStream.ReadAsync(new ChunkedStream(json, 3), EntitiesPath, new JsonValueReader(), (batch, _) => items.AddRange(batch), CancellationToken.None);

        Assert.False(reader.Streamed);
        Assert.Empty(items);
        Assert.Equal(
            JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement),
            JsonSerializer.Serialize(JsonDocument.Parse(Support.Json.Write(envelope)).RootElement));
    }

    [Fact]
    public async Task Values_larger_than_the_buffer_are_read_whole()
    {
        var big = new string('x', 300_000);
        var json = $"{{\"data\":{{\"list\":[\"{big}\",{{\"long\":\"{big}\"}}]}},\"extensions\":\"{big}\"}}";
        var items = new List<object?>();

        var (envelope, _) = await JsonItemStream.ReadAsync(new ChunkedStream(json, 5000), new[] { "data", "list" }, new JsonValueReader(), (batch, _) => items.AddRange(batch), CancellationToken.None);

        Assert.Equal(big, items[0]);
        Assert.Equal(big, ((PSObject)items[1]!).Properties["long"].Value);
        Assert.Equal(big, PowerShellValue.Member(envelope, "extensions"));
    }

    [Theory]
    [InlineData("{\"data\":{\"list\":[{\"n\":1},{\"n\":")]
    [InlineData("{\"data\":{\"list\":[]}} trailing")]
    [InlineData("<html></html>")]
    public async Task A_cut_off_or_broken_body_fails_as_JSON(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => JsonItemStream.ReadAsync(new ChunkedStream(json, 4), new[] { "data", "list" }, new JsonValueReader(), (_, _) => { }, CancellationToken.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65536)]
    public async Task A_byte_order_mark_before_the_JSON_is_skipped_however_the_bytes_come(int chunk)
    {
        var json = JsonTextTests.WithBom("{\"data\":{\"list\":[{\"a\":1},{\"a\":2}]}}");
        var items = new List<object?>();

        var (_, reader) = await JsonItemStream.ReadAsync(new ChunkedStream(json, chunk), new[] { "data", "list" }, new JsonValueReader(), (batch, _) => items.AddRange(batch), CancellationToken.None);

        Assert.True(reader.Streamed);
        Assert.Equal(2, items.Count);
    }

    [Theory]
    [MemberData(nameof(JsonTextTests.NotText), MemberType = typeof(JsonTextTests))]
    public async Task A_string_that_is_not_valid_text_is_a_JsonException_in_an_item_or_around_it(string where, byte[] json)
    {
        var failure = await Assert.ThrowsAnyAsync<JsonException>(() => JsonItemStream.ReadAsync(new ChunkedStream(json, 5), new[] { "data", "list" }, new JsonValueReader(), (_, _) => { }, CancellationToken.None));

        Assert.Equal("it holds a string that is not valid UTF-8 or UTF-16 text", JsonText.Where(failure));
        Assert.NotNull(where);
    }

    [Fact]
    public async Task The_hand_over_gets_the_reads_token_so_that_a_waiting_hand_over_ends_with_the_read()
    {
        using var cancellation = new CancellationTokenSource();
        var json = "{\"data\":{\"list\":[{\"a\":1},{\"a\":2}]}}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => JsonItemStream.ReadAsync(new ChunkedStream(json, 16), new[] { "data", "list" }, new JsonValueReader(), (_, token) =>
        {
            cancellation.Cancel();
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(5));
            token.ThrowIfCancellationRequested();
        }, cancellation.Token));
    }

    /// <summary>Gives out its bytes a few at a time, as a network does.</summary>
    private sealed class ChunkedStream : MemoryStream
    {
        private readonly int _chunk;

        public ChunkedStream(string json, int chunk)
            : this(Encoding.UTF8.GetBytes(json), chunk)
        {
        }

        public ChunkedStream(byte[] bytes, int chunk)
            : base(bytes)
        {
            _chunk = chunk;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, _chunk), cancellationToken);
    }

    /// <summary>Gives out the second part only once the gate opens: a body whose rest is still on its way.</summary>
    private sealed class GatedStream : Stream
    {
        private readonly byte[] _first;
        private readonly byte[] _rest;
        private readonly Task _gate;
        private int _part;

        public GatedStream(byte[] first, byte[] rest, Task gate)
        {
            _first = first;
            _rest = rest;
            _gate = gate;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            switch (_part++)
            {
                case 0:
                    _first.CopyTo(buffer, offset);
                    return _first.Length;
                case 1:
                    await _gate.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                    _rest.CopyTo(buffer, offset);
                    return _rest.Length;
                default:
                    return 0;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
