using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class NodeEdgeType<TNode> : ObjectGraphType<ConnectionEdge>
    where TNode : IGraphType, IBundleGraphType
{
    public NodeEdgeType()
    {
        Name = TNode.TypeName + "Edge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<TNode>>("node").Resolve(c => c.Source.Node);
    }
}
