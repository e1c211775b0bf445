using DrupalTestServer.Site;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>The <c>Node</c> interface of every node bundle.</summary>
public sealed class NodeInterface : InterfaceGraphType<ContentNode>
{
    public NodeInterface()
    {
        Name = "Node";
        NodeFields.AddNodeFields(this);
    }
}
