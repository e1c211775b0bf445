using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Json;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// One JSON:API document read whole: its resources as flat objects (or the document itself, for -Raw), the
    /// next link, what Drupal left out (<c>meta.omitted</c>) and the total, when the site reports one.
    /// </summary>
    internal sealed class JsonApiDocument
    {
        private JsonApiDocument(IReadOnlyList<object?> items, IReadOnlyList<string?> ids, Uri? next, int omitted, string? omittedDetail, long? count, int otherLanguage, string? otherLanguageCode)
        {
            Items = items;
            Ids = ids;
            Next = next;
            Omitted = omitted;
            OmittedDetail = omittedDetail;
            Count = count;
            OtherLanguage = otherLanguage;
            OtherLanguageCode = otherLanguageCode;
        }

        /// <summary>The resources, flattened; with -Raw, the document itself.</summary>
        public IReadOnlyList<object?> Items { get; }

        /// <summary>The resources' own ids, in order (null where one has none).</summary>
        public IReadOnlyList<string?> Ids { get; }

        /// <summary>How many resources the document holds, whether or not they were flattened.</summary>
        public int Resources => Ids.Count;

        /// <summary><c>links.next</c> as Drupal wrote it, resolved against the request; null on the last page.</summary>
        public Uri? Next { get; }

        /// <summary>How many items Drupal removed because the consumer's user may not see them.</summary>
        public int Omitted { get; }

        public string? OmittedDetail { get; }

        /// <summary><c>meta.count</c>, which sites report only when they enable it.</summary>
        public long? Count { get; }

        /// <summary>Items whose langcode is not the one asked for: Drupal fell back to their original language.</summary>
        public int OtherLanguage { get; }

        public string? OtherLanguageCode { get; }

        /// <param name="expectedData">
        /// What <c>data</c> must be: an array for a page of a collection, an object for one resource; anything
        /// else, a missing <c>data</c> included, is InvalidResponse rather than a document with no resources, so
        /// that a proxy's "Service busy" never passes for the end of a read. Null takes what comes (write answers).
        /// </param>
        public static JsonApiDocument Read(HttpResult result, IEnumerable<string> include, string? language, bool raw, JsonValueKind? expectedData = null)
        {
            using var document = JsonResponse.ParseObject(result, "a JSON:API document", "Check -JsonApiPath and that the JSON:API module serves that path.");
            var root = document.RootElement;
            var hasData = root.TryGetProperty("data", out var data);
            if (expectedData is JsonValueKind expected && (!hasData || data.ValueKind != expected))
            {
                throw NotTheDocument(result, root, hasData ? data.ValueKind : (JsonValueKind?)null, expected);
            }

            var resources = new List<JsonElement>();
            if (hasData)
            {
                if (data.ValueKind == JsonValueKind.Array)
                {
                    resources.AddRange(data.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object));
                }
                else if (data.ValueKind == JsonValueKind.Object)
                {
                    resources.Add(data);
                }
            }

            var otherLanguage = 0;
            string? otherCode = null;
            if (language != null)
            {
                foreach (var resource in resources)
                {
                    if (resource.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
                        && attributes.TryGetProperty("langcode", out var langcode) && langcode.ValueKind == JsonValueKind.String
                        && !string.Equals(langcode.GetString(), language, StringComparison.OrdinalIgnoreCase))
                    {
                        otherLanguage++;
                        otherCode ??= langcode.GetString();
                    }
                }
            }

            IReadOnlyList<object?> items;
            if (raw)
            {
                items = new[] { JsonToPSObject.Convert(root) };
            }
            else
            {
                var flattener = new ResourceFlattener(root, include);
                items = resources.Select(resource => (object?)flattener.Flatten(resource)).ToList();
            }

            Uri? next = null;
            var omitted = 0;
            string? omittedDetail = null;
            long? count = null;
            if (root.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object
                && links.TryGetProperty("next", out var nextLink) && JsonApiIndex.Href(nextLink) is string href
                && Uri.TryCreate(result.RequestUri, href, out var nextUri))
            {
                next = nextUri;
            }

            if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
            {
                if (meta.TryGetProperty("omitted", out var omittedBlock) && omittedBlock.ValueKind == JsonValueKind.Object)
                {
                    omittedDetail = omittedBlock.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
                    if (omittedBlock.TryGetProperty("links", out var omittedLinks) && omittedLinks.ValueKind == JsonValueKind.Object)
                    {
                        omitted = omittedLinks.EnumerateObject().Count(link => link.Name.StartsWith("item", StringComparison.Ordinal));
                    }
                }

                if (meta.TryGetProperty("count", out var total) && total.ValueKind == JsonValueKind.Number && total.TryGetInt64(out var number))
                {
                    count = number;
                }
            }

            var ids = resources.Select(resource => resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null).ToList();
            return new JsonApiDocument(items, ids, next, omitted, omittedDetail, count, otherLanguage, otherCode);
        }

        private static DrupalException NotTheDocument(HttpResult result, JsonElement root, JsonValueKind? data, JsonValueKind expected)
        {
            string came;
            if (data is JsonValueKind kind)
            {
                came = $"a document whose 'data' is {(kind == JsonValueKind.Array ? "an array" : kind == JsonValueKind.Object ? "an object" : kind.ToString().ToLowerInvariant())}";
            }
            else
            {
                var members = root.EnumerateObject().Select(member => member.Name).Take(5).ToList();
                came = members.Count == 0 ? "an empty JSON object" : $"a JSON object with no 'data' member (it has {string.Join(", ", members)})";
                if (root.TryGetProperty("message", out _) || root.TryGetProperty("errors", out _))
                {
                    came += $" that says '{ServerMessage.Describe(result)}'";
                }
            }

            var wanted = expected == JsonValueKind.Array ? "a page of a JSON:API collection ('data' an array)" : "a JSON:API resource document ('data' an object)";
            return new DrupalException(
                "InvalidResponse",
                DrupalErrorCategory.InvalidResult,
                $"{result.Method} {result.RequestUri} answered {result.Status} with {came}, which is not {wanted}: it is neither data nor the end of the read, so nothing of it was written and the read stops here. A proxy or an overloaded site answers so; try again later, and if it persists check the site and -JsonApiPath.",
                result.RequestUri);
        }

    }
}
