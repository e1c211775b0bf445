using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace DrupalOAuth.Content
{
    /// <summary>Core's JSON form of one entity (core 11.4's importer reads <c>*.json</c> beside <c>*.yml</c>): the same members as the YAML.</summary>
    public static class ContentJson
    {
        /// <summary>Parses one entity file; an invalid one is a DrupalException (ErrorId InvalidContentFile) naming the file.</summary>
        public static ContentEntity Read(Stream stream, string path)
        {
            object? root;
            try
            {
                using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
                root = ToValue(document.RootElement, path);
            }
            catch (JsonException e)
            {
                throw ContentFileErrors.Invalid(path, e.LineNumber + 1, "the JSON does not parse: " + e.Message, e);
            }
            catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
            {
                // System.Text.Json checks a string's UTF-8 only when it is read as one.
                throw ContentFileErrors.Invalid(path, null, "it is not UTF-8 text", e);
            }

            return ContentDocument.ToEntity(root, path, null);
        }

        private static object? ToValue(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new ContentMap();
                    foreach (var property in element.EnumerateObject())
                    {
                        if (map.ContainsKey(property.Name))
                        {
                            throw ContentFileErrors.Invalid(path, null, $"the member '{property.Name}' appears twice in one object");
                        }

                        map[property.Name] = ToValue(property.Value, path);
                    }

                    return map;
                case JsonValueKind.Array:
                    var list = new List<object?>();
                    foreach (var item in element.EnumerateArray())
                    {
                        list.Add(ToValue(item, path));
                    }

                    return list;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    // PHP's json_decode: an integer literal is an int, anything with a fraction or an exponent a float
                    // (TryGetInt64 refuses those, and integers too large for a long).
                    return element.TryGetInt64(out var integer) ? integer : (object)element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
