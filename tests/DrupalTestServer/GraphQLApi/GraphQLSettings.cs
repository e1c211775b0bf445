namespace DrupalTestServer.GraphQLApi;

/// <summary>The test switches of <c>/graphql</c>, until the next reset.</summary>
public sealed class GraphQLSettings
{
    /// <summary>How long every GraphQL request waits before it is answered (benchmarks of latency).</summary>
    public TimeSpan Delay { get; set; }

    public void Reset() => Delay = TimeSpan.Zero;
}
