using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class ConnectionPageInfoType : ObjectGraphType<ConnectionPageInfo>
{
    public ConnectionPageInfoType()
    {
        Name = "ConnectionPageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.HasPreviousPage);
        Field(x => x.StartCursor, nullable: true);
        Field(x => x.EndCursor, nullable: true);
    }
}
