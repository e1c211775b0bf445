using System;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DrupalOAuth.Json;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// What Drupal said in a failed response, in a few words: the JSON <c>message</c> (or a JSON:API error's
    /// detail), the HTML page's title, or the <c>WWW-Authenticate</c> description. Never the body as is: some
    /// bodies echo the token.
    /// </summary>
    internal static class ServerMessage
    {
        private static readonly Regex Title = new Regex("<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        private static readonly Regex ErrorDescription = new Regex("error_description=\"([^\"]*)\"", RegexOptions.CultureInvariant);

        public static string Describe(HttpResult result)
        {
            var fromAuthenticate = FromWwwAuthenticate(result.WwwAuthenticate);
            if (fromAuthenticate != null)
            {
                return fromAuthenticate;
            }

            if (result.Body.Length == 0)
            {
                return "an empty body";
            }

            var fromJson = FromJson(result.Body);
            if (fromJson != null)
            {
                return fromJson;
            }

            var fromHtml = HtmlTitle(result.Body);
            return fromHtml != null
                ? $"an HTML page titled '{fromHtml}'"
                : $"{result.Body.Length} bytes of {result.ContentType ?? "content of no stated type"}";
        }

        /// <summary>The <c>error_description</c> of a Bearer challenge, such as "Access token could not be verified".</summary>
        public static string? FromWwwAuthenticate(string? header)
        {
            if (header == null)
            {
                return null;
            }

            var match = ErrorDescription.Match(header);
            return match.Success ? match.Groups[1].Value : null;
        }

        public static string? HtmlTitle(byte[] body)
        {
            var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 8192));
            var match = Title.Match(head);
            return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
        }

        private static string? FromJson(byte[] body)
        {
            try
            {
                using var document = JsonText.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                if (TryGetString(root, "message", out var message))
                {
                    return message;
                }

                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        if (error.ValueKind == JsonValueKind.Object
                            && (TryGetString(error, "detail", out var text) || TryGetString(error, "message", out text) || TryGetString(error, "title", out text)))
                        {
                            return text;
                        }
                    }
                }

                return TryGetString(root, "error_description", out var description) ? description : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static bool TryGetString(JsonElement element, string name, out string value)
        {
            if (element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
            {
                value = property.GetString()!;
                return true;
            }

            value = string.Empty;
            return false;
        }
    }
}
