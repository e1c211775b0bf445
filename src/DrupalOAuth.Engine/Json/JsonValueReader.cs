using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Builds what PowerShell users expect from ConvertFrom-Json straight from JSON tokens, in one pass: objects
    /// become PSCustomObjects (or, with <c>asHashtable</c>, ordered dictionaries whose keys keep their case, so
    /// that "a" and "A" are two keys, as <c>ConvertFrom-Json -AsHashtable</c> gives in PowerShell 7.6), arrays
    /// object[], integers long (decimal beyond long), other numbers double, and null stays null. A string that is
    /// not valid text is a JsonException, like any other broken JSON (see <see cref="JsonText"/>).
    /// </summary>
    /// <remarks>
    /// Building PSObjects is where the time goes (measured: a PSObject with 7 note properties costs about 2 KB and
    /// most of its time in the garbage collector, against a few hundred bytes of JSON), so this allocates as little
    /// as it can around them: the items of an array nearly always share their property names and many of their
    /// short values, so each position in the document remembers the last names and string seen there and reuses
    /// the strings when the bytes match; properties are added without the name lookup PowerShell would do, once
    /// the names of that shape are known to be distinct; booleans and small integers are boxed once. One reader
    /// serves one document (or one stream of items) and is not thread-safe.
    /// </remarks>
    internal sealed class JsonValueReader
    {
        private const int SmallIntegerMinimum = -128;
        private const int SmallIntegerMaximum = 1024;
        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;
        private static readonly object[] SmallIntegers = BoxSmallIntegers();

        private readonly bool _asHashtable;
        private readonly Slot _root = new Slot();
        private readonly List<KeyValuePair<string, object?>> _properties = new List<KeyValuePair<string, object?>>();

        public JsonValueReader(bool asHashtable = false)
        {
            _asHashtable = asHashtable;
        }

        /// <summary>The position of a document's root, whose shapes its reads share.</summary>
        internal Slot Root => _root;

        /// <summary>A whole document, after a byte-order mark if it has one.</summary>
        public object? Read(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json.Slice(JsonText.BomLength(json)), new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            var value = Read(ref reader, _root);

            // Anything after the value throws here, as JsonDocument.Parse would.
            reader.Read();
            return value;
        }

        /// <summary>An element of a document already parsed, read from its own bytes.</summary>
        public object? Read(JsonElement element) => Read(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element));

        /// <summary>The value whose first token the reader is on; on return the reader is on its last token.</summary>
        internal object? Read(ref Utf8JsonReader reader, Slot slot)
        {
            try
            {
                return ReadValue(ref reader, slot);
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException)
            {
                // Reading or comparing a string that is not valid text; the reader itself never throws these.
                throw JsonText.NotText(e);
            }
        }

        private object? ReadValue(ref Utf8JsonReader reader, Slot slot)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return ReadObject(ref reader, slot);
                case JsonTokenType.StartArray:
                    return ReadArray(ref reader, slot.Items);
                case JsonTokenType.String:
                    return slot.String(ref reader);
                case JsonTokenType.Number:
                    return Number(ref reader);
                case JsonTokenType.True:
                    return BoxedTrue;
                case JsonTokenType.False:
                    return BoxedFalse;
                default:
                    return null;
            }
        }

        /// <summary>
        /// An object from its properties, in order; the last of a repeated name wins, since JSON allows repeats and
        /// PowerShell names ignore case (a dictionary's keys do not: there only the exact same name repeats). A
        /// property without a name is left out (ConvertFrom-Json refuses it).
        /// </summary>
        internal object Create(List<KeyValuePair<string, object?>> properties, int start, int count, bool distinct)
        {
            if (_asHashtable)
            {
                var dictionary = new OrderedDictionary(count, StringComparer.Ordinal);
                for (var i = start; i < start + count; i++)
                {
                    if (properties[i].Key.Length > 0)
                    {
                        dictionary[properties[i].Key] = properties[i].Value;
                    }
                }

                return dictionary;
            }

            var result = new PSObject();
            var members = result.Properties;
            for (var i = start; i < start + count; i++)
            {
                var property = properties[i];
                if (property.Key.Length == 0)
                {
                    continue;
                }

                if (!distinct && members[property.Key] is PSPropertyInfo existing)
                {
                    existing.Value = property.Value;
                    continue;
                }

                members.Add(new PSNoteProperty(property.Key, property.Value), true);
            }

            return result;
        }

        /// <summary>Whether the names differ from each other, ignoring case (the empty name, left out, aside).</summary>
        internal static bool AreDistinct(List<KeyValuePair<string, object?>> properties, int start, int count)
        {
            if (count > 16)
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (var i = start; i < start + count; i++)
                {
                    if (properties[i].Key.Length > 0 && !seen.Add(properties[i].Key))
                    {
                        return false;
                    }
                }

                return true;
            }

            for (var i = start + 1; i < start + count; i++)
            {
                for (var j = start; j < i; j++)
                {
                    if (properties[i].Key.Length > 0 && string.Equals(properties[i].Key, properties[j].Key, StringComparison.OrdinalIgnoreCase))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private object ReadObject(ref Utf8JsonReader reader, Slot slot)
        {
            var start = _properties.Count;
            var index = 0;
            var sameNames = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = slot.Name(ref reader, index, ref sameNames);
                reader.Read();
                _properties.Add(new KeyValuePair<string, object?>(name, ReadValue(ref reader, slot.Child(index))));
                index++;
            }

            var distinct = slot.AreDistinct(_properties, start, index, sameNames);
            var result = Create(_properties, start, index, distinct);
            _properties.RemoveRange(start, index);
            return result;
        }

        private object?[] ReadArray(ref Utf8JsonReader reader, Slot items)
        {
            var values = new List<object?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values.Add(ReadValue(ref reader, items));
            }

            return values.ToArray();
        }

        private static object Number(ref Utf8JsonReader reader)
        {
            if (reader.TryGetInt64(out var integer))
            {
                return integer >= SmallIntegerMinimum && integer <= SmallIntegerMaximum ? SmallIntegers[integer - SmallIntegerMinimum] : integer;
            }

            // Readers here are always over one span, never a sequence.
            if (reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && reader.TryGetDecimal(out var big))
            {
                return big;
            }

            return reader.GetDouble();
        }

        private static object[] BoxSmallIntegers()
        {
            var boxes = new object[SmallIntegerMaximum - SmallIntegerMinimum + 1];
            for (var i = 0; i < boxes.Length; i++)
            {
                boxes[i] = (long)(i + SmallIntegerMinimum);
            }

            return boxes;
        }

        /// <summary>
        /// A position in the document's structure (a property of an object, the items of an array), with what was
        /// last seen there: the names of the object, whether they were distinct, and the last string.
        /// </summary>
        internal sealed class Slot
        {
            private readonly List<KnownName> _names = new List<KnownName>();
            private List<Slot>? _children;
            private Slot? _items;
            private bool _distinct;
            private byte[]? _lastStringUtf8;
            private string? _lastString;
            private int _stringHits;
            private int _stringMisses;

            public Slot Items => _items ??= new Slot();

            public Slot Child(int index)
            {
                _children ??= new List<Slot>();
                while (_children.Count <= index)
                {
                    _children.Add(new Slot());
                }

                return _children[index];
            }

            /// <summary>The name the reader is on, as the string kept for this position when its bytes match.</summary>
            public string Name(ref Utf8JsonReader reader, int index, ref bool sameNames)
            {
                if (index < _names.Count && reader.ValueTextEquals(_names[index].Utf8))
                {
                    return _names[index].Text;
                }

                sameNames = false;
                var text = reader.GetString()!;
                var name = new KnownName(Encoding.UTF8.GetBytes(text), text);
                if (index < _names.Count)
                {
                    _names[index] = name;
                }
                else
                {
                    _names.Add(name);
                }

                return text;
            }

            /// <summary>Checks the names only when they differ from the last object's here, whose answer is kept.</summary>
            public bool AreDistinct(List<KeyValuePair<string, object?>> properties, int start, int count, bool sameNames)
            {
                if (sameNames && count == _names.Count)
                {
                    return _distinct;
                }

                if (_names.Count > count)
                {
                    _names.RemoveRange(count, _names.Count - count);
                }

                _distinct = JsonValueReader.AreDistinct(properties, start, count);
                return _distinct;
            }

            public string String(ref Utf8JsonReader reader)
            {
                if (_lastStringUtf8 != null && reader.ValueTextEquals(_lastStringUtf8))
                {
                    _stringHits++;
                    return _lastString!;
                }

                var text = reader.GetString()!;

                // Short values that repeat across items (a language, a format, a type) are kept; where the values
                // differ (titles, ids), keeping each one's bytes would cost more than it saves, so that stops.
                _stringMisses++;
                if (text.Length <= 64 && (_stringMisses <= 8 || _stringHits * 4 >= _stringMisses))
                {
                    _lastString = text;
                    _lastStringUtf8 = Encoding.UTF8.GetBytes(text);
                }
                else
                {
                    _lastStringUtf8 = null;
                }

                return text;
            }

            private readonly struct KnownName
            {
                public KnownName(byte[] utf8, string text)
                {
                    Utf8 = utf8;
                    Text = text;
                }

                public byte[] Utf8 { get; }

                public string Text { get; }
            }
        }
    }
}
