using DrupalTestServer.Site;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>The object type of one node bundle, e.g. <c>NodeArticle</c>.</summary>
public abstract class BundleNodeType : ObjectGraphType<ContentNode>
{
    protected BundleNodeType(string typeName, string bundle)
    {
        Name = typeName;
        NodeFields.AddNodeFields(this);
        Interface<EntityInterface>();
        Interface<NodeInterface>();
        IsTypeOf = source => source is ContentNode node && node.Bundle == bundle;
    }
}
