using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Json;

namespace DrupalOAuth.GraphQL
{
    /// <summary>Posts GraphQL operations to Drupal and reads the answer.</summary>
    internal static class GraphQLClient
    {
        public static async Task<GraphQLResponse> InvokeAsync(ApiClient api, Uri endpoint, GraphQLRequest request, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var body = Serialize(request);
            log.Debug($"GraphQL operation{(request.OperationName == null ? string.Empty : " '" + request.OperationName + "'")}: {request.Query.Length} characters of query, {request.Variables?.Count ?? 0} variables.");
            var isMutation = GraphQLDocument.IsMutation(request.Query, request.OperationName);
            if (isMutation)
            {
                log.Verbose(request.RetryMutation
                    ? "The operation is a mutation; -RetryMutation allows retrying it after a lost answer."
                    : "The operation is a mutation: it is not retried after a lost answer or a 502/504, since it may have run.");
            }

            var outgoing = new OutgoingRequest(
                HttpMethod.Post,
                endpoint,
                () =>
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    return content;
                },
                isIdempotent: !isMutation || request.RetryMutation,
                options: options);
            var result = await api.SendAsync(outgoing, log, cancellationToken).ConfigureAwait(false);
            return Parse(result);
        }

        internal static byte[] Serialize(GraphQLRequest request)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("query", request.Query);
                if (request.Variables != null)
                {
                    writer.WritePropertyName("variables");
                    JsonRequestWriter.WriteValue(writer, request.Variables);
                }

                if (request.OperationName != null)
                {
                    writer.WriteString("operationName", request.OperationName);
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        internal static GraphQLResponse Parse(HttpResult result)
        {
            using (var document = JsonResponse.ParseObject(result, "a GraphQL response", "Check -GraphQLPath and that the GraphQL module serves that path."))
            {
                var root = document.RootElement;
                var raw = (PSObject)JsonToPSObject.Convert(root)!;
                var data = raw.Properties["data"]?.Value;
                var errors = root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(ReadError).ToList()
                    : new List<GraphQLError>();
                return new GraphQLResponse(data, data != null, errors, raw);
            }
        }

        private static GraphQLError ReadError(JsonElement error)
        {
            if (error.ValueKind != JsonValueKind.Object)
            {
                return new GraphQLError(error.ToString(), null, null, null, null);
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
            string? path = null;
            if (error.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array)
            {
                var text = new StringBuilder();
                foreach (var segment in p.EnumerateArray())
                {
                    if (segment.ValueKind == JsonValueKind.Number)
                    {
                        text.Append('[').Append(segment.GetRawText()).Append(']');
                    }
                    else
                    {
                        text.Append(text.Length == 0 ? string.Empty : ".").Append(segment.ToString());
                    }
                }

                path = text.ToString();
            }

            string? locations = null;
            if (error.TryGetProperty("locations", out var l) && l.ValueKind == JsonValueKind.Array)
            {
                locations = string.Join("; ", l.EnumerateArray()
                    .Where(location => location.ValueKind == JsonValueKind.Object)
                    .Select(location => $"line {Number(location, "line")}, column {Number(location, "column")}"));
            }

            object? extensions = null;
            string? category = null;
            if (error.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                extensions = JsonToPSObject.Convert(e);
                category = e.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            }

            return new GraphQLError(message, path, string.IsNullOrEmpty(locations) ? null : locations, category, extensions);
        }

        private static string Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) ? value.GetRawText() : "?";
    }
}
