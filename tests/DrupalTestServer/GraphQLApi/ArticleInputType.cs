using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class ArticleInputType : InputObjectGraphType<ArticleInput>
{
    public ArticleInputType()
    {
        Name = "ArticleInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("description");
    }
}
