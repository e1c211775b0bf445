using System.Text.Json;
using DrupalTestServer.Control;
using DrupalTestServer.Http;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary><c>/graphql</c>: drupal/graphql's route checks, then GraphQL.NET runs each operation of the request.</summary>
public sealed class GraphQLEndpoint(ISchema schema, IDocumentExecuter executer, IGraphQLTextSerializer serializer, ContentStore content,
    ServerStats stats, GraphQLSettings settings, GraphQLResponseCache cache)
{
    /// <summary>The delay comes first, before the token is checked, as network latency would.</summary>
    public async Task RunAsync(HttpContext context, BearerAuthenticator bearer)
    {
        if (settings.Delay > TimeSpan.Zero)
            await Task.Delay(settings.Delay, context.RequestAborted);
        await bearer.RunAsync(context, caller => HandleAsync(context, caller));
    }

    private async Task HandleAsync(HttpContext context, Caller caller)
    {
        var request = context.Request;
        var isPost = HttpMethods.IsPost(request.Method);
        if (!isPost && !HttpMethods.IsGet(request.Method))
        {
            await DrupalResponses.MethodNotAllowedAsync(context, "GET, POST");
            return;
        }
        // The content type is checked while routing, before access: a 400 wins over a 403.
        if (isPost && request.ContentType?.Contains("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await DrupalResponses.MessageAsync(context.Response, StatusCodes.Status400BadRequest,
                "GraphQL requests must specify a valid content type header.");
            return;
        }
        if (!caller.HasPermission(PermissionCatalog.ExecuteGraphQL))
        {
            await DrupalResponses.PermissionRequiredAsync(context.Response, PermissionCatalog.ExecuteGraphQL);
            return;
        }

        var text = isPost ? await ReadBodyAsync(request) : request.QueryString.Value ?? "";
        if (cache.Find(caller.Account.Uid, text) is { } cached)
        {
            stats.CountGraphQLCacheHit();
            await WriteAsync(context, cached);
            return;
        }
        var snapshot = content.Current;
        IReadOnlyList<GraphQLRequest?> operations;
        bool isBatch;
        try
        {
            (operations, isBatch) = isPost ? ParseBody(text) : ([ReadQueryString(request.Query)], false);
        }
        catch (JsonException)
        {
            await WriteAsync(context, await SerializeAsync(RequestFailure("Could not parse JSON: Syntax error"), context));
            return;
        }

        var results = new List<ExecutionResult>();
        foreach (var operation in operations)
            results.Add(await ExecuteAsync(operation, caller, context));
        var answer = await SerializeAsync(isBatch ? results : results[0], context);
        if (results.All(result => result.Errors is null or { Count: 0 }))
            cache.Store(caller.Account.Uid, text, snapshot, answer);
        await WriteAsync(context, answer);
    }

    private static Task WriteAsync(HttpContext context, byte[] json) =>
        DrupalResponses.WriteAsync(context.Response, StatusCodes.Status200OK, DrupalResponses.JsonContentType, json);

    /// <summary>Straight to UTF-8, without a string of a big answer in between.</summary>
    private async Task<byte[]> SerializeAsync(object result, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    /// <summary>A JSON array is a batch, answered with an array of results in the same order.</summary>
    private (IReadOnlyList<GraphQLRequest?> Operations, bool IsBatch) ParseBody(string body)
    {
        var text = body.Trim();
        if (text.Length == 0)
            return ([null], false);
        return text.StartsWith('[')
            ? (serializer.Deserialize<List<GraphQLRequest?>>(text) ?? [], true)
            : ([serializer.Deserialize<GraphQLRequest>(text)], false);
    }

    private GraphQLRequest ReadQueryString(IQueryCollection query) => new()
    {
        Query = query["query"],
        OperationName = query["operationName"],
        Variables = query["variables"] is [{ Length: > 0 } variables] ? serializer.Deserialize<Inputs>(variables) : null,
    };

    private Task<ExecutionResult> ExecuteAsync(GraphQLRequest? operation, Caller caller, HttpContext context)
    {
        if (operation?.Query is null)
        {
            return Task.FromResult(operation?.Extensions?.ContainsKey("persistedQuery") == true
                ? RequestFailure("PersistedQueryNotFound")
                : RequestFailure("GraphQL Request must include at least one of those two parameters: \"query\" or \"queryId\""));
        }
        return executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = operation.Query,
            OperationName = operation.OperationName,
            Variables = operation.Variables,
            Extensions = operation.Extensions,
            UserContext = new GraphQLRequestContext(caller, content, stats),
            RequestServices = context.RequestServices,
            CancellationToken = context.RequestAborted,
        });
    }

    private static ExecutionResult RequestFailure(string message) => new() { Errors = [new RequestError(message)] };
}
