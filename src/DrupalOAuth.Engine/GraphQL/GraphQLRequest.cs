using System.Collections;
using DrupalOAuth.Errors;

namespace DrupalOAuth.GraphQL
{
    /// <summary>One GraphQL operation: the document, its variables and which operation of it to run.</summary>
    public sealed class GraphQLRequest
    {
        public GraphQLRequest(string? query, IDictionary? variables = null, string? operationName = null, bool retryMutation = false)
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
            RetryMutation = retryMutation;
        }

        public string Query { get; }

        public IDictionary? Variables { get; }

        public string? OperationName { get; }

        /// <summary>The user accepts that a mutation may run twice when its answer was lost.</summary>
        public bool RetryMutation { get; }
    }
}
