using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class EntityQuerySortInputType : InputObjectGraphType<EntityQuerySort>
{
    public EntityQuerySortInputType()
    {
        Name = "EntityQuerySortInput";
        Field<NonNullGraphType<StringGraphType>>("field");
        Field<EnumerationGraphType<SortOrder>>("direction");
    }
}
