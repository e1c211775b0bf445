using System.Collections;
using DrupalOAuth.Errors;

namespace DrupalOAuth.GraphQL
{
    /// <summary>One GraphQL operation: the document, its variables and which operation of it to run.</summary>
    public sealed class GraphQLRequest
    {
        public GraphQLRequest(string? query, IDictionary? variables = null, string? operationName = null)
        {
            if (string.IsNullOrWhiteSpace(query))
            {
                throw new DrupalException(
                    "EmptyQuery",
                    DrupalErrorCategory.InvalidArgument,
                    "The GraphQL query is empty. Pass the query text with -Query, or a .graphql file with -Path.");
            }

            Query = query!;
            Variables = variables;
            OperationName = string.IsNullOrWhiteSpace(operationName) ? null : operationName;
        }

        public string Query { get; }

        public IDictionary? Variables { get; }

        public string? OperationName { get; }
    }
}
