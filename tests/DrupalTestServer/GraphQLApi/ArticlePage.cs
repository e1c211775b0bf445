using DrupalTestServer.Site;

namespace DrupalTestServer.GraphQLApi;

/// <summary>A page of drupal/graphql 4.x's example schema: <c>articles { total items }</c>.</summary>
public sealed record ArticlePage(int Total, IReadOnlyList<ContentNode> Items);
