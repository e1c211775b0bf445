using DrupalTestServer.Site;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>The example schema's <c>Article</c>, whose title resolver upper-cases (seen: "ARTICLE 1").</summary>
public sealed class ArticleType : ObjectGraphType<ContentNode>
{
    public ArticleType()
    {
        Name = "Article";
        Field<NonNullGraphType<IntGraphType>>("id").Resolve(c => c.Source.Nid);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title.ToUpperInvariant());
        Field<StringGraphType>("author").Resolve(c => c.Source.AuthorName);
    }
}
