using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Json;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// JSON:API writes that never lose or duplicate work. A create carries a UUID made here, so that a retry after a
    /// lost answer (only with -RetryNonIdempotent) that Drupal refuses as a duplicate (409 "Entity already exists")
    /// is recognised as done and read back; an upload, which cannot carry one, is never sent twice. A PATCH is repeated only when the connection broke before any answer, or on 429/503 with Retry-After.
    /// A DELETE is repeated like a read, and a 404 after a retry means the first attempt did it.
    /// </summary>
    internal sealed class EntityWriter
    {
        private readonly JsonApiClient _client;
        private readonly ConcurrentDictionary<string, string> _relatedTypes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public EntityWriter(JsonApiClient client)
        {
            _client = client;
        }

        /// <param name="id">The UUID to create it with (an import's derived one); null for a new random one.</param>
        public async Task<PSObject?> CreateAsync(string entityType, string? bundle, IDictionary? attributes, IDictionary? relationships, bool retryNonIdempotent, CallOptions options, IDrupalLog log, CancellationToken cancellationToken, string? id = null)
        {
            var (given, related) = (ResourceWriter.Attributes(attributes), RelationshipValue.ReadAll(relationships));
            var type = await _client.ResolveAsync(entityType, bundle, options, log, cancellationToken).ConfigureAwait(false);
            id ??= Guid.NewGuid().ToString();
            var body = ResourceWriter.Document(type.Key, id, given, await TypedAsync(type, related, options, log, cancellationToken).ConfigureAwait(false));
            log.Verbose($"Creating {type.Key} {id} (a UUID made here, so that a retried create cannot make a second one).");
            try
            {
                return Entity(await SendAsync(HttpMethod.Post, type.Value, body, retryNonIdempotent, retryBeforeAnswer: false, options, log, cancellationToken).ConfigureAwait(false));
            }
            catch (DrupalException e) when (retryNonIdempotent && e.ErrorId == "Conflict" && Retried(e))
            {
                log.Verbose($"Drupal refused the retried create of {id} ({e.ErrorId}): reading it back, since the first attempt may have made it.");
                var existing = await _client.GetAsync(JsonApiClient.Member(type.Value, id), options, log, cancellationToken).ConfigureAwait(false);
                return Entity(existing);
            }
        }

        /// <param name="language">A translation to change, under its language prefix (<c>/es/jsonapi/…</c>); null for the default one.</param>
        public async Task<PSObject?> UpdateAsync(string entityType, string? bundle, string id, IDictionary? attributes, IDictionary? relationships, CallOptions options, IDrupalLog log, CancellationToken cancellationToken, string? language = null)
        {
            JsonApiClient.Id(id);
            var (given, related) = (ResourceWriter.Attributes(attributes), RelationshipValue.ReadAll(relationships));
            var type = await _client.ResolveAsync(entityType, bundle, options, log, cancellationToken).ConfigureAwait(false);
            var body = ResourceWriter.Document(type.Key, id, given, await TypedAsync(type, related, options, log, cancellationToken).ConfigureAwait(false));
            return Entity(await SendAsync(new HttpMethod("PATCH"), JsonApiClient.Member(_client.Collection(type.Value, language), id), body, isIdempotent: false, retryBeforeAnswer: true, options, log, cancellationToken).ConfigureAwait(false));
        }

        public async Task DeleteAsync(string entityType, string? bundle, string id, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            JsonApiClient.Id(id);
            var type = await _client.ResolveAsync(entityType, bundle, options, log, cancellationToken).ConfigureAwait(false);
            try
            {
                await SendAsync(HttpMethod.Delete, JsonApiClient.Member(type.Value, id), null, isIdempotent: true, retryBeforeAnswer: true, options, log, cancellationToken).ConfigureAwait(false);
            }
            catch (DrupalException e) when (e.ErrorId == "NotFound" && Retried(e))
            {
                log.Verbose($"{type.Key} {id} was gone when the DELETE was retried: the first attempt deleted it.");
            }
        }

        /// <summary>
        /// Streams a file from disk to a file field: a new file for the field, or attached to the entity <paramref name="id"/>.
        /// The file is opened first, within <paramref name="openTimeout"/>, and held open, so that every attempt sends the
        /// same file, of the length announced.
        /// </summary>
        public async Task<PSObject?> UploadAsync(string entityType, string? bundle, string field, string path, string fileName, string? id, Action<long, long>? progress, CallOptions options, TimeSpan openTimeout, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (id != null)
            {
                JsonApiClient.Id(id);
            }

            JsonApiClient.FieldName(field);
            using (var file = await LocalFile.OpenReadAsync(path, openTimeout, cancellationToken).ConfigureAwait(false))
            {
                // The length the file has now is the one announced; a file that differs by the time it is sent fails with FileChanged.
                var length = file.Length;
                var type = await _client.ResolveAsync(entityType, bundle, options, log, cancellationToken).ConfigureAwait(false);
                var target = JsonApiClient.Field(id == null ? type.Value : JsonApiClient.Member(type.Value, id), field);
                var request = new OutgoingRequest(
                    HttpMethod.Post,
                    target,
                    () =>
                    {
                        file.Position = 0;
                        var content = new StreamContent(new ProgressStream(file, length, progress, path), 81920);
                        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                        content.Headers.ContentLength = length;
                        content.Headers.TryAddWithoutValidation("Content-Disposition", FileUpload.ContentDisposition(fileName));
                        return content;
                    },
                    isIdempotent: false,
                    accept: RequestClient.JsonApiMediaType,
                    options: options);
                log.Verbose($"Uploading '{path}' ({length} bytes) as '{fileName}' to {target}.");
                var result = await _client.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
                // Attached to an entity, Drupal answers the field's files, the new one last.
                var document = JsonApiDocument.Read(result, Array.Empty<string>(), null, raw: false);
                return document.Items.LastOrDefault() as PSObject;
            }
        }

        private Task<HttpResult> SendAsync(HttpMethod method, Uri uri, byte[]? body, bool isIdempotent, bool retryBeforeAnswer, CallOptions options, IDrupalLog log, CancellationToken cancellationToken) =>
            _client.SendAsync(
                new OutgoingRequest(
                    method,
                    uri,
                    body == null ? (Func<HttpContent>?)null : () =>
                    {
                        var content = new ByteArrayContent(body);
                        content.Headers.ContentType = new MediaTypeHeaderValue(RequestClient.JsonApiMediaType);
                        return content;
                    },
                    isIdempotent: isIdempotent,
                    accept: RequestClient.JsonApiMediaType,
                    options: options,
                    retryBeforeAnswer: retryBeforeAnswer),
                log,
                cancellationToken);

        /// <summary>
        /// The relationships with a type for every identifier: a bare id gets the type the field holds on existing
        /// entities of the bundle, since Drupal requires one.
        /// </summary>
        private async Task<IReadOnlyList<RelationshipValue>> TypedAsync(KeyValuePair<string, Uri> type, IReadOnlyList<RelationshipValue> relationships, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var values = new List<RelationshipValue>();
            foreach (var value in relationships)
            {
                values.Add(value.NeedsType ? value.WithType(await RelatedTypeAsync(type, value.Field, options, log, cancellationToken).ConfigureAwait(false)) : value);
            }

            return values;
        }

        private async Task<string> RelatedTypeAsync(KeyValuePair<string, Uri> type, string field, CallOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var key = type.Key + "\n" + field;
            if (_relatedTypes.TryGetValue(key, out var known))
            {
                return known;
            }

            log.Verbose($"-Relationships '{field}' gives bare ids: reading the field's type from existing {type.Key} entities.");
            var uri = SitePath.WithQuery(type.Value, new[] { new KeyValuePair<string, string>($"fields[{type.Key}]", field) });
            using (var document = JsonText.Parse((await _client.GetAsync(uri, options, log, cancellationToken).ConfigureAwait(false)).Body))
            {
                if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
                {
                    foreach (var resource in data.EnumerateArray())
                    {
                        if (RelatedType(resource, field) is string found)
                        {
                            _relatedTypes[key] = found;
                            return found;
                        }
                    }
                }
            }

            throw new DrupalException(
                "RelationshipTypeUnknown",
                DrupalErrorCategory.InvalidArgument,
                $"-Relationships '{field}': no {type.Key} entity holds a value in '{field}' to learn its type from, and Drupal needs one. Pass entities from Get-DrupalEntity, or @{{ type = 'taxonomy_term--tags'; id = '<uuid>' }}.",
                field);
        }

        private static string? RelatedType(JsonElement resource, string field)
        {
            if (!resource.TryGetProperty("relationships", out var relationships) || relationships.ValueKind != JsonValueKind.Object
                || !relationships.TryGetProperty(field, out var relationship) || relationship.ValueKind != JsonValueKind.Object
                || !relationship.TryGetProperty("data", out var data))
            {
                return null;
            }

            var identifier = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().FirstOrDefault() : data;
            return identifier.ValueKind == JsonValueKind.Object && identifier.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }

        private static PSObject? Entity(HttpResult result) =>
            result.Body.Length == 0 ? null : JsonApiDocument.Read(result, Array.Empty<string>(), null, raw: false).Items.FirstOrDefault() as PSObject;

        private static bool Retried(DrupalException e) => e.Data[ApiClient.RetriesKey] is int retries && retries > 0;
    }
}
