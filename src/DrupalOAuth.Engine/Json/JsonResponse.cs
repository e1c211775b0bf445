using System.Text.Json;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;

namespace DrupalOAuth.Json
{
    /// <summary>Reads an answer that must be a JSON object; anything else (HTML, a cut-off body) is InvalidResponse.</summary>
    internal static class JsonResponse
    {
        /// <param name="expected">What the answer should have been, for the message: "a GraphQL response".</param>
        /// <param name="hint">What to check, for the message.</param>
        public static JsonDocument ParseObject(HttpResult result, string expected, string hint)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(result.Body);
            }
            catch (JsonException e)
            {
                throw new DrupalException(
                    "InvalidResponse",
                    DrupalErrorCategory.InvalidResult,
                    $"{result.Method} {result.RequestUri} answered {result.Status} with {ServerMessage.Describe(result)}, which is not {expected} (JSON: {e.Message.Split('.')[0]}). {hint}",
                    result.RequestUri,
                    e);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                var kind = document.RootElement.ValueKind.ToString().ToLowerInvariant();
                document.Dispose();
                throw new DrupalException(
                    "InvalidResponse",
                    DrupalErrorCategory.InvalidResult,
                    $"{result.Method} {result.RequestUri} answered with a JSON {kind}, not {expected} object.",
                    result.RequestUri);
            }

            return document;
        }
    }
}
