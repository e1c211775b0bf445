using System;
using System.Net.Http;
using System.Text.Json;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;

namespace DrupalOAuth.Json
{
    /// <summary>Reads an answer that must be a JSON object; anything else (HTML, a cut-off body) is InvalidResponse.</summary>
    internal static class JsonResponse
    {
        /// <param name="expected">What the answer should have been, for the message: "a GraphQL response".</param>
        /// <param name="hint">What to check, for the message.</param>
        public static JsonDocument ParseObject(HttpResult result, string expected, string hint)
        {
            JsonDocument document;
            try
            {
                document = JsonText.Parse(result.Body);
            }
            catch (JsonException e)
            {
                throw NotJson(result, expected, hint, e);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                var kind = document.RootElement.ValueKind.ToString().ToLowerInvariant();
                document.Dispose();
                throw NotAnObject(result.Method, result.RequestUri, kind, expected);
            }

            return document;
        }

        /// <summary>The answer as PowerShell values (dictionaries under -AsHashtable), with no document in between.</summary>
        public static object ReadObject(HttpResult result, string expected, string hint, bool asHashtable)
        {
            object? value;
            try
            {
                value = JsonToPSObject.Parse(result.Body, asHashtable);
            }
            catch (JsonException e)
            {
                throw NotJson(result, expected, hint, e);
            }

            return CheckObject(value, result.Method, result.RequestUri, expected);
        }

        /// <summary>A value read as it came must be an object too.</summary>
        public static object CheckObject(object? value, HttpMethod method, Uri uri, string expected) =>
            PowerShellValue.IsObject(value) ? value! : throw NotAnObject(method, uri, Kind(value), expected);

        /// <summary>An answer read as it came that turned out not to be JSON, or was cut off.</summary>
        public static DrupalException NotJson(HttpMethod method, Uri uri, string expected, string hint, JsonException e) =>
            new DrupalException(
                "InvalidResponse",
                DrupalErrorCategory.InvalidResult,
                $"{method} {uri} answered with a body that is not {expected}: {JsonText.Where(e)}. {hint}",
                uri,
                e);

        /// <summary>
        /// A body read whole that is not JSON: what it was instead (an HTML page's title, so many bytes of a type) and,
        /// only when it looked like JSON, where that broke, in our words rather than the parser's.
        /// </summary>
        private static DrupalException NotJson(HttpResult result, string expected, string hint, JsonException e) =>
            new DrupalException(
                "InvalidResponse",
                DrupalErrorCategory.InvalidResult,
                $"{result.Method} {result.RequestUri} answered {result.Status} with {ServerMessage.Describe(result)}, which is not {expected}"
                + (JsonText.LooksLikeJson(result.Body) ? $" ({JsonText.Where(e)})" : string.Empty) + $". {hint}",
                result.RequestUri,
                e);

        private static DrupalException NotAnObject(HttpMethod method, Uri uri, string kind, string expected) =>
            new DrupalException(
                "InvalidResponse",
                DrupalErrorCategory.InvalidResult,
                $"{method} {uri} answered with a JSON {kind}, not {expected} object.",
                uri);

        private static string Kind(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case object?[] _:
                    return "array";
                case string _:
                    return "string";
                case bool flag:
                    return flag ? "true" : "false";
                default:
                    return "number";
            }
        }
    }
}
