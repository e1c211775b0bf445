using DrupalTestServer.Site;

namespace DrupalTestServer.GraphQLApi;

/// <summary>A page of an entity query: <see cref="Count"/> counts all matches, not just this page.</summary>
public sealed record EntityQueryResult(int Count, IReadOnlyList<ContentNode> Entities);
