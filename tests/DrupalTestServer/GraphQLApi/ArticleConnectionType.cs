using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

public sealed class ArticleConnectionType : ObjectGraphType<ArticlePage>
{
    public ArticleConnectionType()
    {
        Name = "ArticleConnection";
        Field<NonNullGraphType<IntGraphType>>("total").Resolve(c => c.Source.Total);
        Field<ListGraphType<NonNullGraphType<ArticleType>>>("items").Resolve(c => c.Source.Items);
    }
}
