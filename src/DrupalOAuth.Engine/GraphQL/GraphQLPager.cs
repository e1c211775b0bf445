using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Input;
using DrupalOAuth.Json;
using DrupalOAuth.Paging;

namespace DrupalOAuth.GraphQL
{
    /// <summary>
    /// Repeats a GraphQL query page by page and writes the items at -ExpandPath as each page arrives: Relay
    /// connections (graphql_compose) by setting the cursor variable to the last <c>pageInfo.endCursor</c> until
    /// <c>hasNextPage</c> is false; offset paging (Drupal GraphQL 3.x <c>nodeQuery</c>, 4.x examples) by advancing
    /// <c>$offset</c> by the page size until a page comes back short or <c>count</c>/<c>total</c> is reached. A
    /// cursor that comes again, or a page with the same items as one before, is an error: the field does not use
    /// the variable that moves the read on, and reading on would never end.
    /// </summary>
    /// <remarks>
    /// A page's items are told apart by their id, uuid or entityId where the query selects one, else by their
    /// whole JSON; only a 16-byte key per page is kept. Items alike in everything selected on two whole pages
    /// would pass for a repeat, so the error says to select an id.
    /// </remarks>
    public sealed class GraphQLPager : IResultPager
    {
        public const string DefaultCursorVariable = "after";
        private const string OffsetVariable = "offset";
        private const string LimitVariable = "limit";
        private static readonly string[] IdentityMembers = { "id", "uuid", "entityId" };

        private readonly Func<GraphQLRequest, IDrupalLog, CancellationToken, Task<GraphQLResponse>> _invoke;
        private readonly GraphQLRequest _request;
        private readonly string _expandPath;
        private readonly string[] _segments;
        private readonly string _cursorVariable;
        private readonly PagingScope _scope;
        private readonly bool _raw;
        private readonly Mode _mode;
        private readonly Uri _endpoint;
        private readonly PagingHistory _history = new PagingHistory();
        private object? _cursor;
        private long _offset;
        private bool _done;
        private int _pages;
        private long _seen;
        private long _written;

        internal GraphQLPager(
            Func<GraphQLRequest, IDrupalLog, CancellationToken, Task<GraphQLResponse>> invoke,
            Uri endpoint,
            GraphQLRequest request,
            string? expandPath,
            string? cursorVariable,
            PagingScope scope,
            bool raw)
        {
            if (string.IsNullOrWhiteSpace(expandPath))
            {
                throw new DrupalException(
                    "PagingNeedsExpandPath",
                    DrupalErrorCategory.InvalidArgument,
                    "-All, -First and -Skip count the items of a list: pass -ExpandPath with the path to it, such as 'nodeArticles.nodes' or 'nodeQuery.entities'.");
            }

            _invoke = invoke;
            _endpoint = endpoint;
            _request = request;
            _expandPath = expandPath!;
            _segments = PSObjectPath.Segments(expandPath);
            _cursorVariable = string.IsNullOrWhiteSpace(cursorVariable) ? DefaultCursorVariable : cursorVariable!.Trim().TrimStart('$');
            _scope = scope;
            _raw = raw;
            var declared = GraphQLDocument.DeclaredVariables(request.Query, request.OperationName);
            _mode = declared.Contains(_cursorVariable) ? Mode.Cursor : declared.Contains(OffsetVariable) ? Mode.Offset : Mode.None;
            if (_mode == Mode.None && scope.All)
            {
                throw new DrupalException(
                    "PagingVariableMissing",
                    DrupalErrorCategory.InvalidArgument,
                    $"-All repeats the query page by page, so the query must declare the variable that moves to the next page: ${_cursorVariable} for a Relay connection (set to pageInfo.endCursor; -CursorVariable names another), or $offset for offset paging. "
                    + "For example: query ($offset: Int, $limit: Int = 50) { nodeQuery(offset: $offset, limit: $limit) { count entities { ... on NodeArticle { title } } } } with -ExpandPath nodeQuery.entities; "
                    + "or query ($after: Cursor) { nodeArticles(first: 100, after: $after) { nodes { title } pageInfo { hasNextPage endCursor } } } with -ExpandPath nodeArticles.nodes.",
                    request.Query);
            }

            _offset = request.Variables != null && Number(Variable(request.Variables, OffsetVariable)) is long start ? start : 0;
            if (_mode == Mode.Cursor && request.Variables != null && Variable(request.Variables, _cursorVariable) is object startCursor)
            {
                _history.Ask(CursorText(startCursor));
            }
        }

        private enum Mode
        {
            None,
            Cursor,
            Offset,
        }

        public string Description => $"{_expandPath} from {_endpoint}";

        public long? TotalCount { get; private set; }

        public async Task<ResultPage?> NextPageAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_done || _scope.First == 0)
            {
                return null;
            }

            var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (_request.Variables != null)
            {
                foreach (DictionaryEntry entry in _request.Variables)
                {
                    variables[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
                }
            }

            if (_mode == Mode.Cursor && _pages > 0)
            {
                variables[_cursorVariable] = _cursor;
            }
            else if (_mode == Mode.Offset)
            {
                variables[OffsetVariable] = _offset;
            }

            var response = await _invoke(new GraphQLRequest(_request.Query, variables, _request.OperationName, _request.RetryMutation), log, cancellationToken).ConfigureAwait(false);
            _pages++;
            var errors = response.Errors.Select(error => error.ToException()).ToList();
            response.ThrowIfNoData(_endpoint);
            var found = PSObjectPath.Expand(response.Data, _expandPath);
            Advance(response.Data, found, variables, log);

            // -First and -Skip count the items at -ExpandPath, also when -Raw writes whole responses.
            var skip = (int)Math.Min((ulong)found.Count, _scope.Skip > (ulong)_seen ? _scope.Skip - (ulong)_seen : 0);
            _seen += found.Count;
            var room = _scope.First is ulong first ? (first > (ulong)_written ? first - (ulong)_written : 0) : ulong.MaxValue;
            var kept = found.Skip(skip).Take((int)Math.Min(room, int.MaxValue)).ToList();
            _written += kept.Count;
            _done |= _scope.OnePage || (_scope.First is ulong limit && (ulong)_written >= limit);
            IReadOnlyList<object?> items = _raw ? new object?[] { response.Raw } : kept;
            // -Raw writes the errors inside each response, as without paging.
            return new ResultPage(items, _pages, _written, errors: _raw ? null : errors);
        }

        public IReadOnlyList<string> Finish() => Array.Empty<string>();

        private void Advance(object? data, IReadOnlyList<object?> found, IDictionary<string, object?> variables, IDrupalLog log)
        {
            var count = found.Count;
            var moves = _mode == Mode.Cursor ? $"${_cursorVariable}" : $"${OffsetVariable}";
            if (!_scope.OnePage && _mode != Mode.None && count > 0 && !_history.Answered(found.Select(Identity)))
            {
                throw PagingHistory.Loop(
                    $"Page {_pages} of {Description} has the same {count} items as a page before it, although {moves} moved on: the query declares {moves} but the field may not use it (pass it as the field's argument, such as {Example()}), so reading on would never end. Nothing of this page was written. If items can be alike in everything the query selects, select their id too.",
                    _expandPath);
            }

            if (_mode == Mode.Offset)
            {
                TotalCount ??= Number(Beside(data, "count")) ?? Number(Beside(data, "total"));
            }

            switch (_scope.OnePage ? Mode.None : _mode)
            {
                case Mode.Cursor:
                    var pageInfo = Beside(data, "pageInfo");
                    if (!PowerShellValue.IsObject(pageInfo))
                    {
                        throw new DrupalException(
                            "PageInfoMissing",
                            DrupalErrorCategory.InvalidArgument,
                            $"-All needs to know whether there is a next page: select pageInfo {{ hasNextPage endCursor }} beside '{_segments.Last()}' in the query.",
                            _expandPath);
                    }

                    var hasNext = PowerShellValue.Member(pageInfo, "hasNextPage") as bool? == true;
                    _cursor = PowerShellValue.Member(pageInfo, "endCursor");
                    _done = !hasNext || _cursor == null;
                    if (!_done && !_history.Ask(CursorText(_cursor)))
                    {
                        throw PagingHistory.Loop(
                            $"Page {_pages} of {Description} ends at cursor {_cursor} with hasNextPage true, as a page before it did: the cursor does not advance. The query declares {moves} but the field may not use it (pass it as the field's argument, such as {Example()}), so reading on would fetch the same page forever.",
                            _expandPath);
                    }

                    log.Verbose($"Page {_pages}: {count} items; {(_done ? "the last page" : $"next after cursor {_cursor}")}.");
                    break;
                case Mode.Offset:
                    var limit = Number(variables.TryGetValue(LimitVariable, out var given) ? given : null);
                    _offset += limit ?? count;
                    _done = count == 0 || (limit is long pageSize && count < pageSize) || (TotalCount is long total && _offset >= total);
                    log.Verbose($"Page {_pages}: {count} items; {(_done ? "the last page" : $"next at offset {_offset}")}.");
                    break;
                default:
                    _done = true;
                    break;
            }
        }

        /// <summary>How the field takes the variable that moves the read on, for the messages.</summary>
        private string Example() =>
            _mode == Mode.Cursor
                ? $"{_segments[0]}(first: 100, after: ${_cursorVariable})"
                : $"{_segments[0]}(offset: ${OffsetVariable}, limit: ${LimitVariable})";

        private static string CursorText(object? cursor) => Convert.ToString(PowerShellValue.Unwrap(cursor), CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>An item's id where the query selects one, else its whole JSON.</summary>
        private static string Identity(object? item)
        {
            foreach (var name in IdentityMembers)
            {
                if (PowerShellValue.Member(item, name) is object id)
                {
                    return name + "=" + CursorText(id);
                }
            }

            return Encoding.UTF8.GetString(JsonRequestWriter.ToUtf8(item, new InputWalk("an item of the answer"), string.Empty));
        }

        /// <summary>A field beside the list, on the nearest object above it that has one: pageInfo, count or total.</summary>
        private object? Beside(object? data, string name)
        {
            for (var depth = _segments.Length - 1; depth >= 0; depth--)
            {
                var parents = depth == 0 ? new[] { data } : PSObjectPath.Expand(data, string.Join(".", _segments.Take(depth)));
                if (parents.Count == 1 && PowerShellValue.HasMember(parents[0], name))
                {
                    return PowerShellValue.Member(parents[0], name);
                }
            }

            return null;
        }

        private static object? Variable(IDictionary variables, string name)
        {
            foreach (DictionaryEntry entry in variables)
            {
                if (string.Equals(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), name, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }

        private static long? Number(object? value)
        {
            value = PowerShellValue.Unwrap(value);
            return value is IConvertible convertible && !(value is string) && !(value is bool)
                ? Convert.ToInt64(convertible, CultureInfo.InvariantCulture)
                : (long?)null;
        }
    }
}
