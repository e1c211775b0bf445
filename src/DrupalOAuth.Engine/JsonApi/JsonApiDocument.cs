using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
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
        private JsonApiDocument(IReadOnlyList<object?> items, int resources, Uri? next, int omitted, string? omittedDetail, long? count, int otherLanguage, string? otherLanguageCode)
        {
            Items = items;
            Resources = resources;
            Next = next;
            Omitted = omitted;
            OmittedDetail = omittedDetail;
            Count = count;
            OtherLanguage = otherLanguage;
            OtherLanguageCode = otherLanguageCode;
        }

        /// <summary>The resources, flattened; with -Raw, the document itself.</summary>
        public IReadOnlyList<object?> Items { get; }

        /// <summary>How many resources the document holds, whether or not they were flattened.</summary>
        public int Resources { get; }

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

        public static JsonApiDocument Read(HttpResult result, IEnumerable<string> include, string? language, bool raw)
        {
            using var document = JsonResponse.ParseObject(result, "a JSON:API document", "Check -JsonApiPath and that the JSON:API module serves that path.");
            var root = document.RootElement;
            var resources = new List<JsonElement>();
            if (root.TryGetProperty("data", out var data))
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

            return new JsonApiDocument(items, resources.Count, next, omitted, omittedDetail, count, otherLanguage, otherCode);
        }

    }
}
