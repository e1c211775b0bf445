using System;
using System.Collections.Generic;
using System.Text.Json;
using DrupalOAuth.Json;

namespace DrupalOAuth.Errors
{
    /// <summary>
    /// One object of a JSON:API <c>errors</c> list: Drupal's title, status and detail, and the field it concerns
    /// (from <c>source.pointer</c>, such as <c>/data/attributes/title</c>).
    /// </summary>
    public sealed class JsonApiError : IServerText
    {
        internal JsonApiError(string? title, string? status, string? detail, string? pointer)
        {
            Title = title;
            Status = status;
            Detail = detail;
            Pointer = pointer;
        }

        public string? Title { get; }

        /// <summary>The HTTP status as Drupal writes it here: a string.</summary>
        public string? Status { get; }

        public string? Detail { get; }

        public string? Pointer { get; }

        /// <summary>The field named by <see cref="Pointer"/>: its last segment under attributes or relationships.</summary>
        public string? Field
        {
            get
            {
                if (string.IsNullOrEmpty(Pointer))
                {
                    return null;
                }

                var segments = Pointer!.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
                var under = Array.FindIndex(segments, s => s == "attributes" || s == "relationships");
                return under >= 0 && under + 1 < segments.Length ? segments[under + 1] : Pointer;
            }
        }

        public override string ToString() => Describe(null);

        object IServerText.ScrubbedBy(SecretScrubber scrubber)
        {
            var title = Scrub(scrubber, Title);
            var status = Scrub(scrubber, Status);
            var detail = Scrub(scrubber, Detail);
            var pointer = Scrub(scrubber, Pointer);
            return ReferenceEquals(title, Title) && ReferenceEquals(status, Status) && ReferenceEquals(detail, Detail) && ReferenceEquals(pointer, Pointer)
                ? this
                : new JsonApiError(title, status, detail, pointer);
        }

        /// <summary>Title and detail, and the field; the title is left out where it only repeats the status's reason phrase.</summary>
        internal string Describe(string? reasonPhrase)
        {
            var title = string.IsNullOrEmpty(Title) || string.Equals(Title, reasonPhrase, StringComparison.OrdinalIgnoreCase) ? null : Title;
            var text = string.IsNullOrEmpty(Detail) ? Title ?? "(no detail)" : title == null ? Detail! : $"{title}: {Detail}";
            return Field == null ? text : $"{text} (field '{Field}')";
        }

        /// <summary>The error objects of a JSON:API error document; none when the body is anything else.</summary>
        internal static IReadOnlyList<JsonApiError> ReadAll(byte[] body)
        {
            var errors = new List<JsonApiError>();
            if (body.Length == 0)
            {
                return errors;
            }

            try
            {
                using var document = JsonText.Parse(body);
                if (!document.RootElement.TryGetProperty("errors", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return errors;
                }

                foreach (var error in list.EnumerateArray())
                {
                    if (error.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var pointer = error.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object ? Text(source, "pointer") : null;
                    errors.Add(new JsonApiError(Text(error, "title"), Text(error, "status"), Text(error, "detail"), pointer));
                }
            }
            catch (JsonException)
            {
                errors.Clear();
            }

            return errors;
        }

        private static string? Scrub(SecretScrubber scrubber, string? text) => text == null ? null : scrubber.Scrub(text);

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Object && value.ValueKind != JsonValueKind.Array
                ? value.ToString()
                : null;
    }
}
