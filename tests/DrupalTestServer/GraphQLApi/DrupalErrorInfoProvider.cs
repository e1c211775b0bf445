using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;

namespace DrupalTestServer.GraphQLApi;

/// <summary>
/// Renders errors as drupal/graphql (webonyx/graphql-php) does: <c>extensions.category</c> instead of
/// GraphQL.NET's codes, and webonyx's wording where clients are likely to look at it.
/// </summary>
public sealed class DrupalErrorInfoProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError) => new()
    {
        Message = MessageOf(executionError),
        Extensions = new Dictionary<string, object?> { ["category"] = CategoryOf(executionError) },
    };

    private static string CategoryOf(ExecutionError error) => error switch
    {
        DocumentError => "graphql",
        RequestError => "request",
        UnhandledError => "internal",
        _ => "user",
    };

    private static string MessageOf(ExecutionError error) => error switch
    {
        SyntaxError { InnerException: GraphQLSyntaxErrorException syntax } =>
            "Syntax Error: " + syntax.Description.Split("; for more information")[0].Replace("EOF", "<EOF>", StringComparison.Ordinal),
        NoOperationNameError => "Must provide operation name if query contains multiple operations.",
        // webonyx hides what is not meant for clients.
        UnhandledError => "Internal server error",
        _ => error.Message,
    };
}
