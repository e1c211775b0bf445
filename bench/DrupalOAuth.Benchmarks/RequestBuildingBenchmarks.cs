using System.Collections;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Http;

namespace DrupalOAuth.Benchmarks;

/// <summary>What the per-call path does before the socket: the GraphQL body, then the HttpRequestMessage.</summary>
[MemoryDiagnoser]
public class RequestBuildingBenchmarks
{
    private const string Query = "{ nodeQuery { entities { ... on NodeArticle { title } } } }";
    private const string VariablesQuery = "query ($limit: Int, $title: String) { nodeQuery(limit: $limit, filter: {conditions: [{field: \"title\", value: [$title], operator: LIKE}]}) { entities { ... on NodeArticle { title } } } }";

    private readonly Uri _endpoint = new("http://127.0.0.1:8080/graphql");
    private readonly Hashtable _variables = new() { ["limit"] = 10, ["title"] = "Article%" };
    private readonly string _authorization = "Bearer " + new string('x', 810);
    private OutgoingRequest? _request;
    private OutgoingRequest? _authorized;

    [GlobalSetup]
    public void Setup()
    {
        // As GraphQLClient.InvokeAsync makes it, and as ApiClient authorizes it.
        var body = GraphQLClient.Serialize(new GraphQLRequest(Query));
        _request = new OutgoingRequest(
            HttpMethod.Post,
            _endpoint,
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                return content;
            });
        _authorized = _request.WithAuthorization(_authorization);
    }

    [Benchmark(Description = "GraphQLClient.Serialize, no variables")]
    public byte[] Serialize() => GraphQLClient.Serialize(new GraphQLRequest(Query));

    [Benchmark(Description = "GraphQLClient.Serialize, 2 variables")]
    public byte[] SerializeWithVariables() => GraphQLClient.Serialize(new GraphQLRequest(VariablesQuery, _variables));

    [Benchmark(Description = "OutgoingRequest.ToMessage, authorized")]
    public HttpRequestMessage ToMessage() => _authorized!.ToMessage(_endpoint);

    [Benchmark(Description = "WithAuthorization + ToMessage")]
    public HttpRequestMessage AuthorizeAndToMessage() => _request!.WithAuthorization(_authorization).ToMessage(_endpoint);
}
