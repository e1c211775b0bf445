using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;

namespace DrupalOAuth.Incremental
{
    /// <summary>
    /// The state file of -StatePath: what a completed incremental read leaves for the next one (the watermark, the
    /// items written at it, the ids seen), and whose it is: one site, consumer, resource type and selection (a
    /// hash of the query's parameters), so that using it for another read is an error and not a silent full or
    /// empty read. Small JSON with a version; written aside and renamed, so that a run killed while writing leaves
    /// the last state whole.
    /// </summary>
    internal sealed class ChangeState
    {
        public const int Version = 1;

        public ChangeState(string site, string consumer, string resourceType, string selection, long? watermark, IReadOnlyDictionary<string, string> atWatermark, IReadOnlyCollection<string>? seen)
        {
            Site = site;
            Consumer = consumer;
            ResourceType = resourceType;
            Selection = selection;
            Watermark = watermark;
            AtWatermark = atWatermark;
            Seen = seen;
        }

        public string Site { get; }

        public string Consumer { get; }

        public string ResourceType { get; }

        /// <summary>The hash of the query's filter, sort, includes, fields and language.</summary>
        public string Selection { get; }

        /// <summary>The highest <c>changed</c> (Unix seconds) written by the run that left this state; null when it wrote nothing.</summary>
        public long? Watermark { get; }

        /// <summary>The items written at <see cref="Watermark"/>: id to content hash.</summary>
        public IReadOnlyDictionary<string, string> AtWatermark { get; }

        /// <summary>Every id written and not yet told deleted; null when no run kept them.</summary>
        public IReadOnlyCollection<string>? Seen { get; }

        /// <summary>The state at <paramref name="path"/>; null when there is no file (a first run).</summary>
        public static ChangeState? Read(string path)
        {
            byte[] bytes;
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw Invalid(path, $"it could not be read: {e.Message.TrimEnd('.')}", e);
            }

            try
            {
                using var document = JsonDocument.Parse(bytes);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(path, "it is not a JSON object");
                }

                if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
                {
                    throw Invalid(path, $"its version is not {Version}");
                }

                var atWatermark = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var item in Member(root, "atWatermark", JsonValueKind.Object, path).EnumerateObject())
                {
                    atWatermark[item.Name] = item.Value.GetString() ?? throw Invalid(path, "an item of atWatermark has no hash");
                }

                var watermark = root.TryGetProperty("watermark", out var mark) && mark.ValueKind == JsonValueKind.Number ? mark.GetInt64() : (long?)null;
                List<string>? seen = null;
                if (root.TryGetProperty("seen", out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    seen = ids.EnumerateArray().Select(id => id.GetString() ?? throw Invalid(path, "seen holds a value that is not an id")).ToList();
                }

                return new ChangeState(
                    Text(root, "site", path),
                    Text(root, "consumer", path),
                    Text(root, "resourceType", path),
                    Text(root, "selection", path),
                    watermark,
                    atWatermark,
                    seen);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException)
            {
                throw Invalid(path, $"it is not valid JSON of a state file ({e.Message.TrimEnd('.')})", e);
            }
        }

        /// <summary>Refuses a state made for another read, naming what differs.</summary>
        public void Check(string site, string consumer, string resourceType, string selection, string path)
        {
            string? differs =
                !string.Equals(Site, site, StringComparison.OrdinalIgnoreCase) ? $"site {Site}, and this read is of {site}"
                : !string.Equals(Consumer, consumer, StringComparison.Ordinal) ? $"client '{Consumer}', and this read is by client '{consumer}'"
                : !string.Equals(ResourceType, resourceType, StringComparison.Ordinal) ? $"{ResourceType}, and this read is of {resourceType}"
                : !string.Equals(Selection, selection, StringComparison.Ordinal) ? "another -Filter, -Language, -Include or -Property than this read's"
                : null;
            if (differs != null)
            {
                throw new DrupalException(
                    "StateMismatch",
                    DrupalErrorCategory.InvalidArgument,
                    $"The state file '{path}' belongs to another read: it was written for {differs}. A state file serves one site, client, resource type and selection; nothing was read. Give each read a -StatePath of its own, or remove the file to read everything again.",
                    path);
            }
        }

        /// <summary>Writes the state aside and puts it in place of the old one whole.</summary>
        public void Write(string path)
        {
            using var file = new OutFile(path, e => WriteFailed(path, e));
            try
            {
                using (var stream = file.Open())
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("version", Version);
                    writer.WriteString("site", Site);
                    writer.WriteString("consumer", Consumer);
                    writer.WriteString("resourceType", ResourceType);
                    writer.WriteString("selection", Selection);
                    if (Watermark is long watermark)
                    {
                        writer.WriteNumber("watermark", watermark);
                        // For people reading the file; the number is what counts.
                        writer.WriteString("watermarkTime", DateTimeOffset.FromUnixTimeSeconds(watermark).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        writer.WriteNull("watermark");
                    }

                    writer.WriteStartObject("atWatermark");
                    foreach (var item in AtWatermark.OrderBy(i => i.Key, StringComparer.Ordinal))
                    {
                        writer.WriteString(item.Key, item.Value);
                    }

                    writer.WriteEndObject();
                    if (Seen != null)
                    {
                        writer.WriteStartArray("seen");
                        foreach (var id in Seen.OrderBy(i => i, StringComparer.Ordinal))
                        {
                            writer.WriteStringValue(id);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                }
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw WriteFailed(path, e);
            }

            file.Commit();
        }

        private static JsonElement Member(JsonElement root, string name, JsonValueKind kind, string path) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : throw Invalid(path, $"it has no {name}");

        private static string Text(JsonElement root, string name, string path) => Member(root, name, JsonValueKind.String, path).GetString()!;

        private static DrupalException Invalid(string path, string why, Exception? inner = null) =>
            new DrupalException(
                "InvalidState",
                DrupalErrorCategory.InvalidData,
                $"The state file '{path}' cannot be used: {why}. Nothing was read. Remove the file to read everything again (the next run then starts afresh), or pass the -StatePath of this read's own state.",
                path,
                inner);

        private static DrupalException WriteFailed(string path, Exception e) =>
            new DrupalException(
                "StateWriteFailed",
                DrupalErrorCategory.InvalidArgument,
                $"The items were written, but the state file '{path}' could not be written: {e.Message.TrimEnd('.')}. The state that was there is left as it was, so the next run reads these items again. Pass a -StatePath in a folder that exists and that you may write to.",
                path,
                e);
    }
}
