using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class EntityQueryResultType : ObjectGraphType<EntityQueryResult>
{
    public EntityQueryResultType()
    {
        Name = "EntityQueryResult";
        Field<IntGraphType>("count").Resolve(c => c.Source.Count);
        Field<ListGraphType<EntityInterface>>("entities").Resolve(c => c.Source.Entities);
    }
}
