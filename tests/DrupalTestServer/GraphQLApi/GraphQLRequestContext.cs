using DrupalTestServer.Control;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using GraphQL;

namespace DrupalTestServer.GraphQLApi;

/// <summary>What resolvers need from the HTTP request: who calls, the site's content, and the counters tests read.</summary>
public sealed class GraphQLRequestContext(Caller caller, ContentStore content, ServerStats stats) : Dictionary<string, object?>
{
    public Caller Caller { get; } = caller;

    public ContentStore Content { get; } = content;

    public ServerStats Stats { get; } = stats;

    public static GraphQLRequestContext Of(IResolveFieldContext context) => (GraphQLRequestContext)context.UserContext;
}
