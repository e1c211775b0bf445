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
    ServerStats stats)
{
    public async Task HandleAsync(HttpContext context, Caller caller)
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

        IReadOnlyList<GraphQLRequest?> operations;
        bool isBatch;
        try
        {
            (operations, isBatch) = isPost ? await ReadBodyAsync(request) : ([ReadQueryString(request.Query)], false);
        }
        catch (JsonException)
        {
            await WriteAsync(context, serializer.Serialize(RequestFailure("Could not parse JSON: Syntax error")));
            return;
        }

        var results = new List<ExecutionResult>();
        foreach (var operation in operations)
            results.Add(await ExecuteAsync(operation, caller, context));
        await WriteAsync(context, isBatch ? serializer.Serialize(results) : serializer.Serialize(results[0]));
    }

    private static Task WriteAsync(HttpContext context, string json) =>
        DrupalResponses.WriteAsync(context.Response, StatusCodes.Status200OK, DrupalResponses.JsonContentType, json);

    /// <summary>A JSON array is a batch, answered with an array of results in the same order.</summary>
    private async Task<(IReadOnlyList<GraphQLRequest?> Operations, bool IsBatch)> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = (await reader.ReadToEndAsync(request.HttpContext.RequestAborted)).Trim();
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
