using DrupalTestServer.Site;
using GraphQL;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>The example schema's <c>createArticle</c>: the one write, for tests that mutations are never retried.</summary>
public sealed class MutationType : ObjectGraphType
{
    private const string WriteScope = "content:write";

    public MutationType()
    {
        Name = "Mutation";
        Field<ArticleType>("createArticle")
            .Argument<NonNullGraphType<ArticleInputType>>("data")
            .Resolve(context =>
            {
                var request = GraphQLRequestContext.Of(context);
                request.Stats.CountMutation();
                var caller = request.Caller;
                if (!caller.Scopes.Contains(WriteScope) && !caller.HasPermission(PermissionCatalog.CreateArticle))
                    throw new ExecutionError(
                        $"Creating an article needs the '{WriteScope}' scope or the '{PermissionCatalog.CreateArticle}' permission.");
                var data = context.GetArgument<ArticleInput>("data");
                if (string.IsNullOrWhiteSpace(data.Title))
                    throw new ExecutionError("The title of an article must not be empty.");
                return request.Content.AddArticle(data.Title, data.Description ?? "", caller.Account.Uid);
            });
    }
}
