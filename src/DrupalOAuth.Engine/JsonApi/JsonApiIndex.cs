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
    /// The site's JSON:API entry point: one link per resource type. Paths come from here, never from a guess,
    /// since sites rename the base path and the types (JSON:API Extras).
    /// </summary>
    internal sealed class JsonApiIndex
    {
        private const int NearestShown = 8;

        private JsonApiIndex(IReadOnlyDictionary<string, Uri> types, string? meId, Uri? foreignOrigin)
        {
            Types = types;
            MeId = meId;
            ForeignOrigin = foreignOrigin;
        }

        /// <summary>Resource type name (<c>node--article</c>) to its collection URI.</summary>
        public IReadOnlyDictionary<string, Uri> Types { get; }

        /// <summary>The id of the user the token acts as (<c>meta.links.me</c>).</summary>
        public string? MeId { get; }

        /// <summary>Another origin the index's links named (a reverse proxy Drupal is not told of); they were moved onto the site's.</summary>
        public Uri? ForeignOrigin { get; }

        /// <summary>Reads the index; links on another origin than <paramref name="siteUri"/> are taken onto the site's own.</summary>
        public static JsonApiIndex Parse(HttpResult result, Uri siteUri)
        {
            using var document = JsonResponse.ParseObject(result, "a JSON:API entry point", "Check -JsonApiPath and that the JSON:API module is enabled.");
            var root = document.RootElement;
            var types = new SortedDictionary<string, Uri>(StringComparer.Ordinal);
            Uri? foreign = null;
            if (root.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object)
            {
                foreach (var link in links.EnumerateObject())
                {
                    if (link.Name != "self" && Href(link.Value) is string href && Uri.TryCreate(result.RequestUri, href, out var uri))
                    {
                        foreign ??= OutgoingRequest.IsSameOrigin(uri, siteUri) ? null : uri;
                        types[link.Name] = SitePath.OnSiteOrigin(siteUri, uri);
                    }
                }
            }

            string? me = null;
            if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("links", out var metaLinks) && metaLinks.ValueKind == JsonValueKind.Object
                && metaLinks.TryGetProperty("me", out var meLink) && meLink.ValueKind == JsonValueKind.Object
                && meLink.TryGetProperty("meta", out var meMeta) && meMeta.ValueKind == JsonValueKind.Object
                && meMeta.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                me = id.GetString();
            }

            return new JsonApiIndex(types, me, foreign);
        }

        /// <summary>A link object's href, or a link given as a plain string (JSON:API 1.0 allows both).</summary>
        public static string? Href(JsonElement link) =>
            link.ValueKind == JsonValueKind.String ? link.GetString()
            : link.ValueKind == JsonValueKind.Object && link.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String ? href.GetString()
            : null;

        /// <summary>
        /// The resource type for an entity type and bundle (the bundle defaults to the entity type: user is
        /// user--user); a resource type's own name works too. An unknown one lists the site's, nearest first.
        /// </summary>
        public KeyValuePair<string, Uri> Resolve(string entityType, string? bundle, Uri indexUri)
        {
            if (bundle == null && Types.TryGetValue(entityType, out var direct))
            {
                return new KeyValuePair<string, Uri>(entityType, direct);
            }

            var name = entityType + "--" + (bundle ?? entityType);
            if (Types.TryGetValue(name, out var uri))
            {
                return new KeyValuePair<string, Uri>(name, uri);
            }

            var nearest = Types.Keys.OrderBy(type => Distance(type, name)).ThenBy(type => type, StringComparer.Ordinal).Take(NearestShown).ToList();
            var offered = Types.Count == 0
                ? $"{indexUri} lists no resource types at all: the consumer's user may lack the permissions to view any."
                : $"It offers, nearest first: {string.Join(", ", nearest)}{(Types.Count > NearestShown ? $" ({Types.Count} in all)" : string.Empty)}.";
            throw new DrupalException(
                "UnknownResourceType",
                DrupalErrorCategory.ObjectNotFound,
                $"The site's JSON:API has no resource type '{name}'. {offered}",
                name);
        }

        /// <summary>Edit distance, so that a typo such as node--artcle lists node--article first.</summary>
        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}
