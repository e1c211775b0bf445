using System.Collections;
using System.IO;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Json;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Runs a GraphQL query or mutation against the site and writes its data as PowerShell objects; each GraphQL
    /// error becomes an error record. With -All (or -First) it repeats the query page by page.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DrupalGraphQL", DefaultParameterSetName = QuerySet, SupportsPaging = true)]
    [OutputType(typeof(PSObject), typeof(System.Collections.Specialized.OrderedDictionary))]
    public sealed class InvokeDrupalGraphQLCommand : DrupalApiCmdlet
    {
        private const string QuerySet = "Query";
        private const string PathSet = "Path";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = QuerySet)]
        [AllowEmptyString]
        public string? Query { get; set; }

        /// <summary>A file holding the query, such as articles.graphql.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [Alias("FilePath")]
        public string? Path { get; set; }

        [Parameter]
        public IDictionary? Variables { get; set; }

        [Parameter]
        public string? OperationName { get; set; }

        /// <summary>A dotted path into the data, such as nodeQuery.entities; the items there are written one by one.</summary>
        [Parameter]
        public string? ExpandPath { get; set; }

        /// <summary>Writes the whole response (data, errors, extensions) as one object, with no error records.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Repeats the query page by page until the last page: Relay connections by $after, offset paging by $offset.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>The variable that takes the next page's cursor (pageInfo.endCursor); after by default.</summary>
        [Parameter]
        public string CursorVariable { get; set; } = GraphQLPager.DefaultCursorVariable;

        /// <summary>Ordered hashtables instead of PSCustomObjects, as ConvertFrom-Json -AsHashtable: faster to build.</summary>
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        /// <summary>Lets a mutation be retried after a lost answer or a 502/504, though it may then run twice.</summary>
        [Parameter]
        public SwitchParameter RetryMutation { get; set; }

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        protected override void Process()
        {
            var request = new GraphQLRequest(ParameterSetName == PathSet ? ReadQueryFile(Path!) : Query, Variables, OperationName, RetryMutation);
            var connection = RunspaceConnections.Current.Resolve(Connection);
            var scope = ReadScope(All);
            if (!scope.OnePage || scope.Skip > 0 || PagingParameters.IncludeTotalCount)
            {
                WritePages(connection.PageGraphQL(request, ExpandPath, CursorVariable, scope, Raw, CallOptions, AsHashtable), scope);
                return;
            }

            // With -ExpandPath the items go out as they arrive, the first long before the answer has all come.
            var response = Await((log, output, cancellation) => connection.InvokeGraphQLAsync(
                request,
                log,
                cancellation,
                CallOptions,
                new GraphQLOutput(AsHashtable, Raw ? null : ExpandPath, output)));
            if (Raw)
            {
                WriteVerbose($"The response holds {response.Errors.Count} GraphQL errors.");
                WriteObject(response.Raw);
                return;
            }

            foreach (var error in response.Errors)
            {
                WriteError(error.ToException());
            }

            response.ThrowIfNoData(connection.GraphQLUri);
            if (response.ItemsStreamed)
            {
                return;
            }

            if (ExpandPath == null)
            {
                WriteObject(response.Data);
                return;
            }

            foreach (var item in PSObjectPath.Expand(response.Data, ExpandPath))
            {
                WriteObject(item);
            }
        }

        private string ReadQueryFile(string path)
        {
            var resolved = GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(resolved))
            {
                throw new DrupalException(
                    "QueryFileNotFound",
                    DrupalErrorCategory.ObjectNotFound,
                    $"The query file '{resolved}' does not exist. Pass the path of a .graphql file, or the query text with -Query.",
                    path);
            }

            WriteVerbose($"Reading the GraphQL query from '{resolved}'.");
            return File.ReadAllText(resolved);
        }
    }
}
