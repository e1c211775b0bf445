namespace DrupalOAuth.Tests.Support;

/// <summary>
/// JSON:API documents as Drupal 10 writes them (see drupal-facts.md, JSON:API): the seen article resource with its
/// relationships, the entry point, collection pages with links.next and meta.omitted, and error documents. Like
/// Drupal, they escape '/' as \/ and '&lt;' as \u003C.
/// </summary>
public static class JsonApiDocuments
{
    public const string MediaType = "application/vnd.api+json";

    public const string OmittedDetail = "Some resources have been omitted because of insufficient authorization.";

    private const string Origin = "https:\\/\\/drupal.example.com";
    private const string Version = "{\"jsonapi\":{\"version\":\"1.0\",\"meta\":{\"links\":{\"self\":{\"href\":\"http:\\/\\/jsonapi.org\\/format\\/1.0\\/\"}}}}";

    /// <summary>A UUID whose first letter says its kind: a article, b vocabulary, c tag, d node type, e user.</summary>
    public static string Uuid(char kind, int number) => $"{kind}{number:D7}-d7a1-4c3e-9f00-{number:D12}";

    public static string ArticleId(int number) => Uuid('a', number);

    public static string TagId(int number) => Uuid('c', number);

    public static string UserId(int number) => Uuid('e', number);

    /// <summary>
    /// Article <paramref name="number"/> as Drupal 10.5 answered it: written by user 3, tagged with tags 1 and 2
    /// (or <paramref name="tags"/>), without an image.
    /// </summary>
    public static string Article(int number, string langcode = "en", int[]? tags = null, int author = 3)
    {
        var id = ArticleId(number);
        var tagData = string.Join(",", (tags ?? new[] { 1, 2 }).Select(t => Identifier("taxonomy_term--tags", TagId(t), t)));
        return "{\"type\":\"node--article\",\"id\":\"" + id + "\","
               + "\"links\":{\"self\":{\"href\":\"" + Origin + "\\/jsonapi\\/node\\/article\\/" + id + "?resourceVersion=id%3A" + number + "\"}},"
               + "\"attributes\":{\"drupal_internal__nid\":" + number + ",\"drupal_internal__vid\":" + number + ",\"langcode\":\"" + langcode + "\","
               + "\"status\":true,\"title\":\"Article " + number + "\",\"created\":\"2026-01-01T00:01:00+00:00\",\"changed\":\"2026-01-02T00:01:00+00:00\","
               + "\"promote\":true,\"sticky\":false,\"path\":{\"alias\":null,\"pid\":null,\"langcode\":\"" + langcode + "\"},"
               + "\"body\":{\"value\":\"\\u003Cp\\u003EBody " + number + "\\u003C\\/p\\u003E\",\"format\":\"basic_html\",\"processed\":\"\\u003Cp\\u003EBody " + number + "\\u003C\\/p\\u003E\",\"summary\":null}},"
               + "\"relationships\":{"
               + "\"node_type\":" + Relationship(id, "node_type", Identifier("node_type--node_type", Uuid('d', 1), "\"article\"")) + ","
               + "\"revision_uid\":" + Relationship(id, "revision_uid", Identifier("user--user", UserId(author), author)) + ","
               + "\"uid\":" + Relationship(id, "uid", Identifier("user--user", UserId(author), author)) + ","
               + "\"field_image\":" + Relationship(id, "field_image", "null") + ","
               + "\"field_tags\":" + Relationship(id, "field_tags", "[" + tagData + "]")
               + "}}";
    }

    /// <summary>A user as another user sees it without "access user profiles": its display name only.</summary>
    public static string User(int number) =>
        "{\"type\":\"user--user\",\"id\":\"" + UserId(number) + "\",\"attributes\":{\"display_name\":\"editor" + number + "\"}}";

    /// <summary>A term of the tags vocabulary, whose vid points at the vocabulary.</summary>
    public static string Tag(int number) =>
        "{\"type\":\"taxonomy_term--tags\",\"id\":\"" + TagId(number) + "\",\"attributes\":{\"name\":\"Tag " + number + "\",\"drupal_internal__tid\":" + number + "},"
        + "\"relationships\":{\"vid\":{\"data\":" + Identifier("taxonomy_vocabulary--taxonomy_vocabulary", Uuid('b', 1), "\"tags\"") + "},"
        + "\"parent\":{\"data\":[{\"type\":\"taxonomy_term--tags\",\"id\":\"virtual\",\"meta\":{\"links\":{}}}]}}}";

    public static string Vocabulary() =>
        "{\"type\":\"taxonomy_vocabulary--taxonomy_vocabulary\",\"id\":\"" + Uuid('b', 1) + "\",\"attributes\":{\"name\":\"Tags\",\"drupal_internal__vid\":\"tags\"}}";

    /// <summary>One page of a collection: its resources, what was included, the next link as Drupal writes it, and more meta.</summary>
    public static string Collection(IEnumerable<string> resources, string? next = null, string? included = null, string? meta = null) =>
        Version
        + ",\"data\":[" + string.Join(",", resources) + "]"
        + (included == null ? string.Empty : ",\"included\":[" + included + "]")
        + (meta == null ? string.Empty : ",\"meta\":{" + meta + "}")
        + ",\"links\":{" + (next == null ? string.Empty : "\"next\":{\"href\":\"" + Escape(next) + "\"},") + "\"self\":{\"href\":\"" + Origin + "\\/jsonapi\\/node\\/article\"}}}";

    /// <summary>One resource as the document's primary data.</summary>
    public static string Single(string resource, string? included = null) =>
        Version + ",\"data\":" + resource + (included == null ? string.Empty : ",\"included\":[" + included + "]") + ",\"links\":{\"self\":{\"href\":\"" + Origin + "\\/jsonapi\"}}}";

    /// <summary>The meta.omitted member for <paramref name="items"/> hidden items, as a <see cref="Collection"/> meta part.</summary>
    public static string Omitted(int items) =>
        "\"omitted\":{\"detail\":\"" + OmittedDetail + "\",\"links\":{"
        + "\"help\":{\"href\":\"https:\\/\\/www.drupal.org\\/docs\\/8\\/modules\\/json-api\\/filtering#filters-access-control\"}"
        + string.Concat(Enumerable.Range(1, items).Select(i =>
            ",\"item--" + i + "Xq3\":{\"href\":\"" + Origin + "\\/jsonapi\\/node\\/article\\/" + ArticleId(900 + i) + "\",\"meta\":{\"rel\":\"item\",\"detail\":\"The current user is not allowed to GET the selected resource. The 'access content' permission is required.\"}}"))
        + "}}";

    /// <summary>The entry point of a site: one link per resource type, beneath <paramref name="jsonApi"/>, and the user the token acts as.</summary>
    public static string Index(Uri jsonApi, params string[] types) =>
        Version + ",\"data\":[],\"links\":{\"self\":{\"href\":\"" + Escape(jsonApi.AbsoluteUri) + "\"}"
        + string.Concat(types.Select(t => ",\"" + t + "\":{\"href\":\"" + Escape(jsonApi.AbsoluteUri.TrimEnd('/') + "/" + t.Replace("--", "/")) + "\"}"))
        + "},\"meta\":{\"links\":{\"me\":{\"href\":\"" + Escape(jsonApi.AbsoluteUri.TrimEnd('/') + "/user/user/" + UserId(2)) + "\",\"meta\":{\"id\":\"" + UserId(2) + "\"}}}}}";

    /// <summary>A JSON:API error document with one error object per (title, status, detail, pointer).</summary>
    public static string Errors(params (string Title, string Status, string Detail, string? Pointer)[] errors) =>
        Version + ",\"errors\":[" + string.Join(",", errors.Select(e =>
            "{\"title\":\"" + e.Title + "\",\"status\":\"" + e.Status + "\",\"detail\":\"" + e.Detail + "\""
            + ",\"links\":{\"via\":{\"href\":\"" + Origin + "\\/jsonapi\\/node\\/article\"}}"
            + (e.Pointer == null ? string.Empty : ",\"source\":{\"pointer\":\"" + Escape(e.Pointer) + "\"}") + "}")) + "]}";

    private static string Escape(string text) => text.Replace("/", "\\/");

    private static string Identifier(string type, string id, object targetId) =>
        "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"meta\":{\"drupal_internal__target_id\":" + targetId + "}}";

    private static string Relationship(string id, string field, string data) =>
        "{\"data\":" + data + ",\"links\":{\"related\":{\"href\":\"" + Origin + "\\/jsonapi\\/node\\/article\\/" + id + "\\/" + field + "\"},"
        + "\"self\":{\"href\":\"" + Origin + "\\/jsonapi\\/node\\/article\\/" + id + "\\/relationships\\/" + field + "\"}}}";
}
