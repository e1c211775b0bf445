using System;
using System.Text.Json;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Turns JSON into what PowerShell users expect from ConvertFrom-Json (see <see cref="JsonValueReader"/>), from
    /// bytes or from an element of a document already parsed.
    /// </summary>
    internal static class JsonToPSObject
    {
        public static object? Convert(JsonElement element) => new JsonValueReader().Read(element);

        /// <summary>A whole document; a JsonException says where it is not JSON.</summary>
        public static object? Parse(ReadOnlySpan<byte> json, bool asHashtable = false) =>
            new JsonValueReader(asHashtable).Read(json);
    }
}
