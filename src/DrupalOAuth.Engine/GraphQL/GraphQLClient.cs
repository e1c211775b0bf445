using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
        private const string Expected = "a GraphQL response";
        private const string Hint = "Check -GraphQLPath and that the GraphQL module serves that path.";

        public static async Task<GraphQLResponse> InvokeAsync(ApiClient api, Uri endpoint, GraphQLRequest request, CallOptions options, IDrupalLog log, CancellationToken cancellationToken, GraphQLOutput? output = null)
        {
            output ??= GraphQLOutput.Default;
            var body = Serialize(request);
            log.Debug($"GraphQL operation{(request.OperationName == null ? string.Empty : " '" + request.OperationName + "'")}: {request.Query.Length} characters of query, {request.Variables?.Count ?? 0} variables.");
            var isMutation = GraphQLDocument.IsMutation(request.Query, request.OperationName);
            if (isMutation)
            {
                log.Verbose(request.RetryMutation
                    ? "The operation is a mutation; -RetryMutation allows retrying it after a lost answer."
                    : "The operation is a mutation: it is not retried after a lost answer or a 502/504, since it may have run.");
            }

            var streamed = false;
            Func<Stream, CancellationToken, Task<object?>>? readResponse = null;
            if (output.OnItems != null)
            {
                var path = new[] { "data" }.Concat(PSObjectPath.Segments(output.ExpandPath)).ToArray();
                readResponse = async (stream, cancellation) =>
                {
                    try
                    {
                        var (envelope, reader) = await JsonItemStream.ReadAsync(stream, path, new JsonValueReader(output.AsHashtable), output.OnItems, cancellation).ConfigureAwait(false);
                        streamed = reader.Streamed;
                        log.Verbose(streamed ? $"Wrote the {reader.Items} items at {output.ExpandPath} as they arrived." : $"The answer has no list at {output.ExpandPath} to write as it arrives.");
                        return JsonResponse.CheckObject(envelope, HttpMethod.Post, endpoint, Expected);
                    }
                    catch (JsonException e)
                    {
                        throw JsonResponse.NotJson(HttpMethod.Post, endpoint, Expected, Hint, e);
                    }
                };
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
                options: options,
                readResponse: readResponse);
            var result = await api.SendAsync(outgoing, log, cancellationToken).ConfigureAwait(false);
            return Parse(result, output.AsHashtable, streamed);
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
                    JsonRequestWriter.WriteValue(writer, request.Variables, "-Variables");
                }

                if (request.OperationName != null)
                {
                    writer.WriteString("operationName", request.OperationName);
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        internal static GraphQLResponse Parse(HttpResult result, bool asHashtable = false, bool itemsStreamed = false)
        {
            var raw = result.IsRead ? result.Content! : JsonResponse.ReadObject(result, Expected, Hint, asHashtable);
            var data = PowerShellValue.Member(raw, "data");
            var errors = PowerShellValue.Member(raw, "errors") is object?[] list
                ? list.Select(ReadError).ToList()
                : new List<GraphQLError>();
            return new GraphQLResponse(data, data != null, errors, raw, itemsStreamed);
        }

        private static GraphQLError ReadError(object? error)
        {
            if (!PowerShellValue.IsObject(error))
            {
                return new GraphQLError(Convert.ToString(error, CultureInfo.InvariantCulture) ?? "null", null, null, null, null);
            }

            var message = PowerShellValue.Member(error, "message") as string ?? "(no message)";
            string? path = null;
            if (PowerShellValue.Member(error, "path") is object?[] segments)
            {
                var text = new StringBuilder();
                foreach (var segment in segments)
                {
                    if (segment is long index)
                    {
                        text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    }
                    else
                    {
                        text.Append(text.Length == 0 ? string.Empty : ".").Append(Convert.ToString(segment, CultureInfo.InvariantCulture));
                    }
                }

                path = text.ToString();
            }

            string? locations = null;
            if (PowerShellValue.Member(error, "locations") is object?[] places)
            {
                locations = string.Join("; ", places
                    .Where(PowerShellValue.IsObject)
                    .Select(location => $"line {Number(location, "line")}, column {Number(location, "column")}"));
            }

            var extensions = PowerShellValue.Member(error, "extensions");
            string? category = null;
            if (PowerShellValue.IsObject(extensions))
            {
                category = PowerShellValue.Member(extensions, "category") as string;
            }
            else
            {
                extensions = null;
            }

            return new GraphQLError(message, path, string.IsNullOrEmpty(locations) ? null : locations, category, extensions);
        }

        private static string Number(object? location, string name) =>
            PowerShellValue.HasMember(location, name) ? Convert.ToString(PowerShellValue.Member(location, name), CultureInfo.InvariantCulture) ?? "?" : "?";
    }
}
