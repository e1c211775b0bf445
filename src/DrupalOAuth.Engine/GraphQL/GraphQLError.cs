using DrupalOAuth.Errors;

namespace DrupalOAuth.GraphQL
{
    /// <summary>One entry of a GraphQL response's <c>errors</c>.</summary>
    public sealed class GraphQLError : IServerText
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

        object IServerText.ScrubbedBy(SecretScrubber scrubber)
        {
            var message = scrubber.Scrub(Message);
            var path = Path == null ? null : scrubber.Scrub(Path);
            var category = Category == null ? null : scrubber.Scrub(Category);
            var extensions = scrubber.ScrubValue(Extensions);
            return ReferenceEquals(message, Message) && ReferenceEquals(path, Path) && ReferenceEquals(category, Category) && ReferenceEquals(extensions, Extensions)
                ? this
                : new GraphQLError(message, path, Locations, category, extensions);
        }

        public override string ToString()
        {
            var where = Path != null ? " at " + Path : string.Empty;
            var location = Locations != null ? $" ({Locations})" : string.Empty;
            return $"GraphQL error{where}{location}: {Message}";
        }
    }
}
