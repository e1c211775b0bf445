namespace DrupalTestServer.GraphQLApi;

/// <summary>One page of a graphql_compose style connection.</summary>
public sealed record NodeConnection(IReadOnlyList<ConnectionEdge> Edges, ConnectionPageInfo PageInfo);
