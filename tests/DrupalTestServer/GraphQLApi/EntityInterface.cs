using DrupalTestServer.Site;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>Drupal GraphQL 3.x's <c>Entity</c> interface, the type of <c>nodeQuery</c>'s entities.</summary>
public sealed class EntityInterface : InterfaceGraphType<ContentNode>
{
    public EntityInterface()
    {
        Name = "Entity";
        NodeFields.AddEntityFields(this);
    }
}
