using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class EntityQueryConditionInputType : InputObjectGraphType<EntityQueryCondition>
{
    public EntityQueryConditionInputType()
    {
        Name = "EntityQueryFilterConditionInput";
        Field<NonNullGraphType<StringGraphType>>("field");
        Field<ListGraphType<StringGraphType>>("value");
        Field<EnumerationGraphType<QueryOperator>>("operator");
        Field<StringGraphType>("language");
        Field<BooleanGraphType>("enabled");
    }
}
