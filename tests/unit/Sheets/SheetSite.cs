using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using DrupalOAuth.Connections;
using DrupalOAuth.Tests.Support;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>
/// A small JSON:API site for sheet tests, on a <see cref="FakeDrupal"/>: resources kept by type, collections that
/// answer IN, = and IS NOT NULL conditions as Drupal does (text compared regardless of case), paged by page[limit]
/// with next links, and creates and updates that change what later reads see. Counts reads and writes.
/// </summary>
public sealed class SheetSite : IDisposable
{
    private readonly FakeDrupal _drupal = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _resources = new(StringComparer.Ordinal);

    public SheetSite()
    {
        _drupal.Site = ServeAsync;
    }

    public Uri SiteUri => _drupal.SiteUri;

    /// <summary>Users are label-only (display_name) and any filter on them finds nothing, as for a consumer without "access user profiles".</summary>
    public bool LabelOnlyUsers { get; set; }

    /// <summary>The next create is made, but its answer is lost: the connection drops before any answer.</summary>
    public bool LoseNextCreateAnswer { get; set; }

    /// <summary>Reads of collections (the entry point not counted).</summary>
    public IReadOnlyList<ReceivedRequest> Reads => _drupal.SiteRequests.Where(r => r.Method == "GET" && r.Path != "/jsonapi").ToList();

    public IReadOnlyList<ReceivedRequest> Writes => _drupal.SiteRequests.Where(r => r.Method != "GET").ToList();

    public Task<DrupalConnection> OpenAsync() => _drupal.OpenAsync(_drupal.Settings());

    public JsonObject Add(string type, string id, JsonObject attributes, JsonObject? relationships = null)
    {
        var resource = new JsonObject { ["type"] = type, ["id"] = id, ["attributes"] = attributes, ["relationships"] = relationships ?? new JsonObject() };
        _resources.GetOrAdd(type, _ => new List<JsonObject>()).Add(resource);
        return resource;
    }

    public IReadOnlyList<JsonObject> All(string type) => _resources.TryGetValue(type, out var list) ? list : new List<JsonObject>();

    public static JsonObject To(string type, string id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };

    public static JsonObject ToMany(string type, params string[] ids) => new() { ["data"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["type"] = type, ["id"] = id }).ToArray()) };

    public void Dispose() => _drupal.Dispose();

    private Task ServeAsync(HttpExchange x)
    {
        var path = x.Request.Path;
        if (path == "/jsonapi")
        {
            return x.RespondAsync(200, JsonApiDocuments.Index(new Uri(SiteUri, "jsonapi"), "node--article", "taxonomy_term--tags", "user--user"), JsonApiDocuments.MediaType);
        }

        var segments = path.Trim('/').Split('/');
        var type = segments[1] + "--" + segments[2];
        var list = _resources.GetOrAdd(type, _ => new List<JsonObject>());
        lock (list)
        {
            switch (x.Request.Method)
            {
                case "POST":
                    var created = (JsonObject)JsonNode.Parse(x.Request.BodyText)!["data"]!.DeepClone();
                    if (list.Any(r => (string?)r["id"] == (string?)created["id"]))
                    {
                        return x.RespondAsync(409, JsonApiDocuments.Errors(("Conflict", "409", "Conflict: Entity already exists.", null)), JsonApiDocuments.MediaType);
                    }

                    created["relationships"] ??= new JsonObject();
                    list.Add(created);
                    if (LoseNextCreateAnswer)
                    {
                        LoseNextCreateAnswer = false;
                        x.Abort();
                        return Task.CompletedTask;
                    }

                    return x.RespondAsync(201, Document(created), JsonApiDocuments.MediaType);
                case "PATCH":
                    var patch = JsonNode.Parse(x.Request.BodyText)!["data"]!;
                    var target = list.Single(r => (string?)r["id"] == segments[3]);
                    foreach (var member in new[] { "attributes", "relationships" })
                    {
                        foreach (var field in patch[member]?.AsObject().ToList() ?? new())
                        {
                            target[member]![field.Key] = field.Value?.DeepClone();
                        }
                    }

                    return x.RespondAsync(200, Document(target), JsonApiDocuments.MediaType);
            }

            if (segments.Length > 3)
            {
                return list.FirstOrDefault(r => (string?)r["id"] == segments[3]) is { } one
                    ? x.RespondAsync(200, Document(one), JsonApiDocuments.MediaType)
                    : x.RespondAsync(404, JsonApiDocuments.Errors(("Not Found", "404", "The \"entity\" parameter was not converted.", null)), JsonApiDocuments.MediaType);
            }

            var query = Query(x.Request.Target);
            IEnumerable<JsonObject> matches = list;
            foreach (var condition in query.Where(p => p.Key.EndsWith("[condition][path]", StringComparison.Ordinal)))
            {
                var name = condition.Key[..^"[condition][path]".Length];
                var op = query.First(p => p.Key == name + "[condition][operator]").Value;
                var values = query.Where(p => p.Key == name + "[condition][value][]" || p.Key == name + "[condition][value]").Select(p => p.Value).ToList();
                matches = matches.Where(r => Matches(type, r, condition.Value, op, values)).ToList();
            }

            var all = matches.ToList();
            var limit = query.FirstOrDefault(p => p.Key == "page[limit]").Value is string l ? Math.Min(int.Parse(l), 50) : 50;
            var offset = query.FirstOrDefault(p => p.Key == "page[offset]").Value is string o ? int.Parse(o) : 0;
            var page = all.Skip(offset).Take(limit).ToList();
            string? next = offset + limit < all.Count ? new Uri(SiteUri, x.Request.Target).AbsoluteUri.Split('?')[0] + "?" + string.Join("&", query.Where(p => p.Key != "page[offset]").Append(new("page[offset]", (offset + limit).ToString())).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))) : null;
            return x.RespondAsync(200, JsonApiDocuments.Collection(page.Select(r => r.ToJsonString()), next), JsonApiDocuments.MediaType);
        }
    }

    private bool Matches(string type, JsonObject resource, string path, string op, List<string> values)
    {
        if (type == "user--user" && LabelOnlyUsers)
        {
            return false;
        }

        var value = path == "id" ? resource["id"] : resource["attributes"]![path] ?? (resource["relationships"]![path]?["data"]);
        var text = value is JsonValue v ? v.ToString() : null;
        return op switch
        {
            "IN" => text != null && values.Contains(text, StringComparer.OrdinalIgnoreCase),
            "=" => text != null && string.Equals(text, values[0], StringComparison.OrdinalIgnoreCase),
            "IS NOT NULL" => value != null && !(value is JsonArray { Count: 0 }),
            _ => throw new NotSupportedException(op),
        };
    }

    private static List<KeyValuePair<string, string>> Query(string target) =>
        (target.Contains('?') ? target[(target.IndexOf('?') + 1)..] : string.Empty)
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(WebUtility.UrlDecode(p[0]), WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty)))
            .ToList();

    private static string Document(JsonObject resource) => new JsonObject { ["jsonapi"] = new JsonObject { ["version"] = "1.0" }, ["data"] = resource.DeepClone() }.ToJsonString();
}
