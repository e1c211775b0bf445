using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class EntityQueryFilterInputType : InputObjectGraphType<EntityQueryFilter>
{
    public EntityQueryFilterInputType()
    {
        Name = "EntityQueryFilterInput";
        Field<EnumerationGraphType<QueryConjunction>>("conjunction");
        Field<ListGraphType<EntityQueryConditionInputType>>("conditions");
        Field<ListGraphType<EntityQueryFilterInputType>>("groups");
    }
}
