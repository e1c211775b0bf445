using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using GraphQL;

namespace DrupalTestServer.GraphQLApi;

/// <summary>What resolvers need from the HTTP request: who calls, and the site's content.</summary>
public sealed class GraphQLRequestContext(Caller caller, ContentStore content) : Dictionary<string, object?>
{
    public Caller Caller { get; } = caller;

    public ContentStore Content { get; } = content;

    public static GraphQLRequestContext Of(IResolveFieldContext context) => (GraphQLRequestContext)context.UserContext;
}
