using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Reads a JSON object from a stream as it arrives and hands out the items of the array at a dotted path (such
    /// as data.nodeQuery.entities) as each is complete, so the first reaches the pipeline long before
    /// the last byte has come and no copy of the whole body is ever held. Everything around the array is built as
    /// usual and returned, with the array left empty.
    /// </summary>
    /// <remarks>
    /// Utf8JsonReader cannot wait for data, so each value is first skipped over with TrySkip to see that it is
    /// whole in the buffer, and built only then; a value cut by the buffer's end makes the buffer grow (doubling,
    /// so a large value is scanned a bounded number of times) and the attempt start again from its first byte.
    /// </remarks>
    internal sealed class JsonItemStream
    {
        private const int ChunkSize = 64 * 1024;

        private readonly Stream _stream;
        private readonly string[] _path;
        private readonly JsonValueReader _values;
        private readonly Action<IReadOnlyList<object?>, CancellationToken> _onItems;
        private byte[] _buffer = new byte[ChunkSize];
        private int _start;
        private int _end;
        private bool _final;
        private bool _started;
        private JsonReaderState _state;
        private JsonTokenType _token;
        private string? _name;

        private JsonItemStream(Stream stream, string[] path, JsonValueReader values, Action<IReadOnlyList<object?>, CancellationToken> onItems)
        {
            _stream = stream;
            _path = path;
            _values = values;
            _onItems = onItems;
        }

        /// <summary>Whether the array at the path was found and its items handed out.</summary>
        public bool Streamed { get; private set; }

        /// <summary>How many items were handed out.</summary>
        public long Items { get; private set; }

        /// <summary>
        /// Reads the whole stream. The result is the object around the array; <see cref="Streamed"/> is false when
        /// the path led elsewhere (a missing field, an object or null at its end, an array on the way), and the
        /// caller then looks the path up in the result, as for a document read whole.
        /// </summary>
        public static async Task<(object? Envelope, JsonItemStream Reader)> ReadAsync(Stream stream, string[] path, JsonValueReader values, Action<IReadOnlyList<object?>, CancellationToken> onItems, CancellationToken cancellationToken)
        {
            var reader = new JsonItemStream(stream, path, values, onItems);
            object? envelope;
            if (await reader.PeekAsync(cancellationToken).ConfigureAwait(false) == JsonTokenType.StartObject)
            {
                envelope = await reader.ReadEnvelopeAsync(0, values.Root, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                envelope = await reader.ReadValueAsync(values.Root, cancellationToken).ConfigureAwait(false);
            }

            await reader.ReadEndAsync(cancellationToken).ConfigureAwait(false);
            return (envelope, reader);
        }

        /// <summary>The object whose start is next, looking inside it for the path's segment at <paramref name="segment"/>.</summary>
        private async Task<object> ReadEnvelopeAsync(int segment, JsonValueReader.Slot slot, CancellationToken cancellationToken)
        {
            await NextAsync(cancellationToken).ConfigureAwait(false);
            var properties = new List<KeyValuePair<string, object?>>();
            while (await NextAsync(cancellationToken).ConfigureAwait(false) == JsonTokenType.PropertyName)
            {
                var name = _name!;
                var child = slot.Child(properties.Count);
                object? value;
                var onPath = segment < _path.Length && string.Equals(name, _path[segment], StringComparison.OrdinalIgnoreCase);
                var next = onPath ? await PeekAsync(cancellationToken).ConfigureAwait(false) : JsonTokenType.None;
                if (onPath && segment == _path.Length - 1 && next == JsonTokenType.StartArray)
                {
                    await NextAsync(cancellationToken).ConfigureAwait(false);
                    await StreamItemsAsync(child.Items, cancellationToken).ConfigureAwait(false);
                    Streamed = true;
                    value = Array.Empty<object?>();
                }
                else if (onPath && segment < _path.Length - 1 && next == JsonTokenType.StartObject)
                {
                    value = await ReadEnvelopeAsync(segment + 1, child, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    value = await ReadValueAsync(child, cancellationToken).ConfigureAwait(false);
                }

                properties.Add(new KeyValuePair<string, object?>(name, value));
            }

            return _values.Create(properties, 0, properties.Count, JsonValueReader.AreDistinct(properties, 0, properties.Count));
        }

        private async Task StreamItemsAsync(JsonValueReader.Slot items, CancellationToken cancellationToken)
        {
            var misses = 0;
            while (!TryStreamItems(items, cancellationToken, out var progressed))
            {
                misses = progressed ? 1 : misses + 1;
                await FillAsync(Wanted(misses), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Hands out, together, every item that is whole in the buffer (one hand-over per read, not per item, so
        /// that the pipeline thread is woken once for them); true at the end of the array. The hand-over may wait
        /// until the pipeline has room, or <paramref name="cancellationToken"/> ends the read.
        /// </summary>
        private bool TryStreamItems(JsonValueReader.Slot items, CancellationToken cancellationToken, out bool progressed)
        {
            List<object?>? batch = null;
            try
            {
                while (true)
                {
                    var reader = Reader();
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        Commit(ref reader);
                        return true;
                    }

                    if (!TryBuild(items, out var item))
                    {
                        return false;
                    }

                    Items++;
                    (batch ??= new List<object?>()).Add(item);
                }
            }
            finally
            {
                progressed = batch != null;
                if (batch != null)
                {
                    _onItems(batch, cancellationToken);
                }
            }
        }

        private async Task<object?> ReadValueAsync(JsonValueReader.Slot slot, CancellationToken cancellationToken)
        {
            object? value;
            for (var misses = 1; !TryBuild(slot, out value); misses++)
            {
                await FillAsync(Wanted(misses), cancellationToken).ConfigureAwait(false);
            }

            return value;
        }

        /// <summary>Builds the next value if all of it is in the buffer.</summary>
        private bool TryBuild(JsonValueReader.Slot slot, out object? value)
        {
            value = null;
            var reader = Reader();
            var checkpoint = reader;
            if (!reader.Read() || ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()))
            {
                return false;
            }

            reader = checkpoint;
            reader.Read();
            value = _values.Read(ref reader, slot);
            Commit(ref reader);
            return true;
        }

        private async Task<JsonTokenType> NextAsync(CancellationToken cancellationToken)
        {
            for (var misses = 1; !TryNext(commit: true); misses++)
            {
                await FillAsync(Wanted(misses), cancellationToken).ConfigureAwait(false);
            }

            return _token;
        }

        private async Task<JsonTokenType> PeekAsync(CancellationToken cancellationToken)
        {
            for (var misses = 1; !TryNext(commit: false); misses++)
            {
                await FillAsync(Wanted(misses), cancellationToken).ConfigureAwait(false);
            }

            return _token;
        }

        private bool TryNext(bool commit)
        {
            var reader = Reader();
            if (!reader.Read())
            {
                return false;
            }

            _token = reader.TokenType;
            if (commit)
            {
                _name = _token == JsonTokenType.PropertyName ? JsonText.GetString(ref reader) : null;
                Commit(ref reader);
            }

            return true;
        }

        /// <summary>Nothing but white space may follow the value, as JsonDocument.Parse would have it.</summary>
        private async Task ReadEndAsync(CancellationToken cancellationToken)
        {
            while (!_final)
            {
                await FillAsync(0, cancellationToken).ConfigureAwait(false);
            }

            var reader = Reader();
            reader.Read();
        }

        /// <summary>
        /// After the first miss, whatever the network has next: the value may need only that. After more misses on
        /// the same value, twice what waits, so a value of any size is scanned only a few times over.
        /// </summary>
        private int Wanted(int misses) => misses <= 1 ? 0 : 2 * (_end - _start);

        private Utf8JsonReader Reader() => new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _final, _state);

        private void Commit(ref Utf8JsonReader reader)
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        /// <summary>
        /// Reads at least once, then until <paramref name="wanted"/> bytes are waiting or the stream ends; called
        /// again after the end, the JSON was cut off.
        /// </summary>
        private async Task FillAsync(int wanted, CancellationToken cancellationToken)
        {
            if (_final)
            {
                // Reached only when the reader asked for more after the end: the JSON is cut off.
                var reader = Reader();
                while (reader.Read())
                {
                }

                throw new JsonException("The JSON ended before its value did.");
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (wanted > _buffer.Length || _end == _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(wanted, 2 * _buffer.Length));
            }

            do
            {
                var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    _final = true;
                    return;
                }

                _end += read;
            }
            while (_end < wanted || (!_started && _end < 3));

            if (!_started)
            {
                // The first bytes of the stream: a byte-order mark before the JSON is skipped, as for a body read whole.
                _started = true;
                _start = JsonText.BomLength(new ReadOnlySpan<byte>(_buffer, 0, _end));
            }
        }
    }
}
