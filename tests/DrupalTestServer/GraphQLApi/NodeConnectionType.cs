using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>graphql_compose's connection of one bundle, e.g. <c>NodeArticleConnection</c>.</summary>
public sealed class NodeConnectionType<TNode> : ObjectGraphType<NodeConnection>
    where TNode : IGraphType, IBundleGraphType
{
    public NodeConnectionType()
    {
        Name = TNode.TypeName + "Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNode>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NodeEdgeType<TNode>>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ConnectionPageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}
