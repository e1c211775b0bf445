using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class DrupalSchema : Schema
{
    public DrupalSchema()
    {
        Query = new QueryType();
        Mutation = new MutationType();
        // Reachable only through interfaces, so the schema would not find them on its own.
        RegisterType(typeof(NodeArticleType));
        RegisterType(typeof(NodePageType));
    }
}
