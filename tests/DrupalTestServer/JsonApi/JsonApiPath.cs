using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// Where a JSON:API request points: its language prefix, if any (<c>/es/jsonapi/…</c>), and the path segments
/// after <c>/jsonapi</c>. A prefix that is not one of the site's languages is part of the path, so not JSON:API.
/// </summary>
public sealed record JsonApiPath(string? LanguagePrefix, IReadOnlyList<string> Segments)
{
    public const string Base = "/jsonapi";

    private const string BaseSegment = "jsonapi";

    public string Langcode => LanguagePrefix ?? SiteDirectory.DefaultLangcode;

    /// <summary>The base of every link in the answer: Drupal's outbound path processor keeps the language prefix.</summary>
    public string BasePath => LanguagePrefix is null ? Base : $"/{LanguagePrefix}{Base}";

    public static bool IsUnder(PathString path) => Parse(path) is not null;

    /// <summary>Drupal matches paths case-insensitively and without their trailing slash.</summary>
    public static JsonApiPath? Parse(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 0 && IsBase(segments[0]))
            return new JsonApiPath(null, segments[1..]);
        var prefix = segments.Length > 1 ? segments[0].ToLowerInvariant() : null;
        return prefix is not null && SiteDirectory.Langcodes.Contains(prefix) && IsBase(segments[1])
            ? new JsonApiPath(prefix, segments[2..])
            : null;
    }

    private static bool IsBase(string segment) => segment.Equals(BaseSegment, StringComparison.OrdinalIgnoreCase);
}
