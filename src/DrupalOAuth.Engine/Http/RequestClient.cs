using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Json;

namespace DrupalOAuth.Http
{
    /// <summary>Sends an <see cref="DrupalRequest"/> the way every other request goes, and reads what came back.</summary>
    internal static class RequestClient
    {
        public const string JsonApiMediaType = "application/vnd.api+json";

        public static async Task<object?> InvokeAsync(ApiClient api, Uri siteUri, Uri jsonApiUri, DrupalRequest request, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var target = SitePath.WithQuery(SitePath.Resolve(siteUri, request.Path), SitePath.Pairs(request.Query));
            var underJsonApi = IsUnder(siteUri, jsonApiUri, target);
            var given = PowerShellValue.Unwrap(request.Body);
            var body = Encode(given);
            var contentType = request.ContentType ?? request.HeaderValue("Content-Type")
                ?? (given is byte[] ? "application/octet-stream" : underJsonApi ? JsonApiMediaType : OutgoingRequest.JsonMediaType);
            if (body != null)
            {
                log.Verbose($"{request.Method} {target}: a body of {body.Length} bytes as {contentType}.");
            }

            using (var outFile = request.OutFile == null ? null : new OutFile(request.OutFile))
            {
                var outgoing = new OutgoingRequest(
                    request.Method,
                    target,
                    body == null ? (Func<HttpContent>?)null : () =>
                    {
                        var content = new ByteArrayContent(body);
                        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                        return content;
                    },
                    isIdempotent: request.IsIdempotent,
                    accept: request.HeaderValue("Accept") ?? (underJsonApi ? JsonApiMediaType : "application/json, */*;q=0.8"),
                    headers: request.Headers.Where(h => !IsNamed(h.Key, "Content-Type") && !IsNamed(h.Key, "Accept")).ToList(),
                    options: options,
                    responseFile: outFile == null ? (Func<Stream>?)null : outFile.Open);
                var result = await api.SendAsync(outgoing, log, cancellationToken).ConfigureAwait(false);
                if (result.BodyWrittenToFile)
                {
                    outFile!.Commit();
                    log.Verbose($"{request.Method} {target}: the body was written to '{outFile.Path}' ({new FileInfo(outFile.Path).Length} bytes).");
                    return null;
                }

                return Read(result, request.AsHashtable);
            }
        }

        /// <summary>JSON (any +json type) as PowerShell objects, text as a string, anything else as bytes; no body as nothing.</summary>
        internal static object? Read(HttpResult result, bool asHashtable = false)
        {
            if (result.Body.Length == 0)
            {
                return null;
            }

            var type = result.ContentType ?? string.Empty;
            if (IsJson(type))
            {
                try
                {
                    return JsonToPSObject.Parse(result.Body, asHashtable);
                }
                catch (JsonException e)
                {
                    throw new DrupalException(
                        "InvalidResponse",
                        DrupalErrorCategory.InvalidResult,
                        $"{result.Method} {result.RequestUri} answered {result.Status} as {type}, but its body is not JSON: {JsonText.Where(e)}.",
                        result.RequestUri,
                        e);
                }
            }

            return type.Length == 0 || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || type.EndsWith("xml", StringComparison.OrdinalIgnoreCase)
                   || type.EndsWith("javascript", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(result.Body)
                : result.Body;
        }

        internal static bool IsJson(string mediaType) =>
            mediaType.Equals(OutgoingRequest.JsonMediaType, StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether the target lies under the JSON:API base, also behind a language prefix (<c>/es/jsonapi</c>).</summary>
        internal static bool IsUnder(Uri siteUri, Uri jsonApiUri, Uri target)
        {
            if (!OutgoingRequest.IsSameOrigin(siteUri, target))
            {
                return false;
            }

            var basePath = jsonApiUri.AbsolutePath.Substring(siteUri.AbsolutePath.Length).Trim('/');
            var path = target.AbsolutePath.StartsWith(siteUri.AbsolutePath, StringComparison.Ordinal)
                ? target.AbsolutePath.Substring(siteUri.AbsolutePath.Length).Trim('/')
                : string.Empty;
            var slash = path.IndexOf('/');
            return StartsWithSegments(path, basePath) || (slash > 0 && StartsWithSegments(path.Substring(slash + 1), basePath));
        }

        private static bool StartsWithSegments(string path, string prefix) =>
            path.Equals(prefix, StringComparison.Ordinal) || path.StartsWith(prefix + "/", StringComparison.Ordinal);

        private static byte[]? Encode(object? body)
        {
            switch (body)
            {
                case null:
                    return null;
                case byte[] bytes:
                    return bytes;
                case string text:
                    return Encoding.UTF8.GetBytes(text);
                case var data:
                    using (var buffer = new MemoryStream())
                    {
                        using (var writer = new Utf8JsonWriter(buffer))
                        {
                            JsonRequestWriter.WriteValue(writer, data, "-Body");
                        }

                        return buffer.ToArray();
                    }
            }
        }

        private static bool IsNamed(string header, string name) => string.Equals(header, name, StringComparison.OrdinalIgnoreCase);
    }
}
