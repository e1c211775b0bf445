using DrupalOAuth.Errors;

namespace DrupalOAuth.GraphQL
{
    /// <summary>One entry of a GraphQL response's <c>errors</c>.</summary>
    public sealed class GraphQLError
    {
        internal GraphQLError(string message, string? path, string? locations, string? category, object? extensions)
        {
            Message = message;
            Path = path;
            Locations = locations;
            Category = category;
            Extensions = extensions;
        }

        public string Message { get; }

        /// <summary>Where in the data the error arose, such as <c>nodeQuery.entities[0].title</c>.</summary>
        public string? Path { get; }

        /// <summary>Where in the query, such as <c>line 1, column 3</c>.</summary>
        public string? Locations { get; }

        /// <summary>Drupal's <c>extensions.category</c>: graphql (the query is wrong), request or user.</summary>
        public string? Category { get; }

        public object? Extensions { get; }

        /// <summary>As an error that does not end the call: the data beside it is still written.</summary>
        public DrupalException ToException() => new DrupalException("GraphQLError", DrupalErrorCategory.InvalidResult, ToString(), this);

        public override string ToString()
        {
            var where = Path != null ? " at " + Path : string.Empty;
            var location = Locations != null ? $" ({Locations})" : string.Empty;
            return $"GraphQL error{where}{location}: {Message}";
        }
    }
}
