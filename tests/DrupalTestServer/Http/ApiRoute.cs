using DrupalTestServer.JsonApi;
using DrupalTestServer.Site;

namespace DrupalTestServer.Http;

/// <summary>
/// The routes that tests count and inject faults into, by the name the control endpoints use. Most are one
/// path; JSON:API is every path under <c>/jsonapi</c> (after an optional language prefix), files every public file.
/// </summary>
public sealed class ApiRoute
{
    private readonly Func<PathString, bool> matches;

    private ApiRoute(string name, string path, Func<PathString, bool> matches)
    {
        Name = name;
        Path = path;
        this.matches = matches;
    }

    public string Name { get; }

    /// <summary>The route's path, or the one all its paths start with.</summary>
    public string Path { get; }

    public static ApiRoute Token { get; } = Exact("token", "/oauth/token");

    public static ApiRoute GraphQL { get; } = Exact("graphql", "/graphql");

    public static ApiRoute Debug { get; } = Exact("debug", "/oauth/debug");

    public static ApiRoute JsonApi { get; } = new("jsonapi", JsonApiPath.Base, JsonApiPath.IsUnder);

    public static ApiRoute Files { get; } = Under("files", ImageFile.PublicPath);

    public static ApiRoute Echo { get; } = Under("echo", "/_test/echo");

    public static IReadOnlyList<ApiRoute> All { get; } = [Token, GraphQL, Debug, JsonApi, Files, Echo];

    public static ApiRoute? FromPath(PathString path) => All.FirstOrDefault(route => route.matches(path));

    public static ApiRoute? FromName(string? name) =>
        All.FirstOrDefault(route => route.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static ApiRoute Exact(string name, string path) =>
        new(name, path, requested => requested.Equals(path, StringComparison.OrdinalIgnoreCase));

    private static ApiRoute Under(string name, string path) =>
        new(name, path, requested => requested.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));
}
