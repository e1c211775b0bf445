namespace DrupalTestServer.Http;

/// <summary>The routes that tests count and inject faults into, by the name the control endpoints use.</summary>
public sealed record ApiRoute(string Name, string Path)
{
    public static ApiRoute Token { get; } = new("token", "/oauth/token");

    public static ApiRoute GraphQL { get; } = new("graphql", "/graphql");

    public static ApiRoute Debug { get; } = new("debug", "/oauth/debug");

    public static IReadOnlyList<ApiRoute> All { get; } = [Token, GraphQL, Debug];

    public static ApiRoute? FromPath(PathString path) =>
        All.FirstOrDefault(route => path.Equals(route.Path, StringComparison.OrdinalIgnoreCase));

    public static ApiRoute? FromName(string? name) =>
        All.FirstOrDefault(route => route.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
