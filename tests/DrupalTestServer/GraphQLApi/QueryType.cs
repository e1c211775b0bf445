using DrupalTestServer.Site;
using GraphQL;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>
/// One root that answers the three schema styles a Drupal site may have: 3.x's <c>nodeQuery</c>,
/// graphql_compose's connections and <c>node(id:)</c>, and 4.x's example <c>articles</c>.
/// </summary>
public sealed class QueryType : ObjectGraphType
{
    /// <summary>The 4.x example schema's QueryArticles::MAX_LIMIT.</summary>
    private const int ArticlesMaxLimit = 100;

    public QueryType()
    {
        Name = "Query";

        Field<EntityQueryResultType>("nodeQuery")
            .Argument<IntGraphType>("offset", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("limit", a => a.DefaultValue = 10)
            .Argument<EntityQueryFilterInputType>("filter")
            .Argument<ListGraphType<EntityQuerySortInputType>>("sort")
            .Resolve(context =>
            {
                var matches = EntityQueryEvaluator.Run(
                    GraphQLRequestContext.Of(context).Content.All,
                    context.GetArgument<EntityQueryFilter?>("filter"),
                    context.GetArgument<List<EntityQuerySort>?>("sort"));
                return new EntityQueryResult(matches.Count, Slice(context, matches));
            });

        AddConnectionField<NodeArticleType>("nodeArticles");
        AddConnectionField<NodePageType>("nodePages");

        Field<NodeInterface>("node")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => GraphQLRequestContext.Of(context).Content.Find(context.GetArgument<string>("id")));

        Field<NonNullGraphType<ArticleConnectionType>>("articles")
            .Argument<IntGraphType>("offset", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("limit", a => a.DefaultValue = 10)
            .Resolve(context =>
            {
                // 3.x's nodeQuery has no maximum.
                if (context.GetArgument<int?>("limit") > ArticlesMaxLimit)
                    throw new ExecutionError($"Exceeded maximum query limit: {ArticlesMaxLimit}.");
                var articles = GraphQLRequestContext.Of(context).Content.OfBundle(NodeArticleType.Bundle);
                return new ArticlePage(articles.Count, Slice(context, articles));
            });

        NodeFields.AddFailingField(this);
    }

    private void AddConnectionField<TNode>(string name)
        where TNode : IGraphType, IBundleGraphType =>
        Field<NonNullGraphType<NodeConnectionType<TNode>>>(name)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("last")
            .Argument<StringGraphType>("before")
            .Resolve(context => ConnectionPager.Page(
                GraphQLRequestContext.Of(context).Content.OfBundle(TNode.Bundle),
                context.GetArgument<int?>("first"),
                context.GetArgument<string?>("after"),
                context.GetArgument<int?>("last"),
                context.GetArgument<string?>("before")));

    /// <summary>The page chosen by <c>offset</c> and <c>limit</c>; an explicit null means the default.</summary>
    private static IReadOnlyList<ContentNode> Slice(IResolveFieldContext context, IReadOnlyList<ContentNode> nodes) =>
        nodes.Skip(Math.Max(context.GetArgument<int?>("offset") ?? 0, 0))
            .Take(Math.Max(context.GetArgument<int?>("limit") ?? 10, 0))
            .ToArray();
}
