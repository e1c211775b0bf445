using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// What every read of JSON bytes shares: a UTF-8 byte-order mark before the value is skipped, as
    /// Invoke-RestMethod does; text that is not valid UTF-8, or an escaped lone surrogate (<c>"\ud800"</c>), is a
    /// <see cref="JsonException"/> like any other broken JSON. System.Text.Json finds neither while parsing: the
    /// string throws an InvalidOperationException (an ArgumentException from a decoder) only when it is read.
    /// </summary>
    internal static class JsonText
    {
        private static readonly byte[] ByteOrderMark = { 0xEF, 0xBB, 0xBF };
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        /// <summary>How many bytes of a UTF-8 byte-order mark the bytes start with: 3 or 0.</summary>
        public static int BomLength(ReadOnlySpan<byte> json) => json.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;

        /// <summary>
        /// A whole document, whose strings are all known to be valid text, so that reading any of them cannot throw.
        /// A JsonException says where it is not JSON.
        /// </summary>
        public static JsonDocument Parse(byte[] body)
        {
            var json = new ReadOnlyMemory<byte>(body, BomLength(body), body.Length - BomLength(body));
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            try
            {
                CheckStrings(json.Span);
                return document;
            }
            catch
            {
                document.Dispose();
                throw;
            }
        }

        /// <summary>The string the reader is on (a value or a name), or a JsonException when it is not valid text.</summary>
        public static string GetString(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException)
            {
                throw NotText(e);
            }
        }

        /// <summary>What a reader's string threw when it was not valid text, as the JsonException of broken JSON.</summary>
        public static JsonException NotText(Exception e) =>
            new JsonException("The JSON holds a string that is not valid UTF-8 or UTF-16 text (invalid bytes, or a lone surrogate escape such as \\ud800).", e);

        /// <summary>
        /// Where JSON broke, in our words rather than the parser's: "a string that is not valid text", or "it breaks at
        /// line 1, byte 7".
        /// </summary>
        public static string Where(JsonException e)
        {
            if (e.InnerException is InvalidOperationException || e.InnerException is ArgumentException)
            {
                return "it holds a string that is not valid UTF-8 or UTF-16 text";
            }

            return e.LineNumber is long line && e.BytePositionInLine is long position
                ? string.Format(CultureInfo.InvariantCulture, "it breaks at line {0}, byte {1}", line + 1, position + 1)
                : "it ends before its value does";
        }

        /// <summary>Whether the bytes look like JSON meant as an object or array: '{' or '[' first, after a BOM and white space.</summary>
        public static bool LooksLikeJson(byte[] body)
        {
            for (var i = BomLength(body); i < body.Length; i++)
            {
                switch (body[i])
                {
                    case (byte)' ':
                    case (byte)'\t':
                    case (byte)'\r':
                    case (byte)'\n':
                        continue;
                    case (byte)'{':
                    case (byte)'[':
                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }

        // One pass over the tokens: a string with no escape is checked as UTF-8 bytes, one with escapes is decoded
        // (only an escape can make a lone surrogate).
        private static void CheckStrings(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.String && reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueIsEscaped)
                {
                    GetString(ref reader);
                }
                else if (!IsAscii(reader.ValueSpan))
                {
                    try
                    {
                        StrictUtf8.GetCharCount(reader.ValueSpan.ToArray());
                    }
                    catch (ArgumentException e)
                    {
                        throw NotText(e);
                    }
                }
            }
        }

        private static bool IsAscii(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
