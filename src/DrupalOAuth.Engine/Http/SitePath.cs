using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DrupalOAuth.Errors;
using DrupalOAuth.Input;
using DrupalOAuth.Json;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// Addresses on a connection's site: paths resolved beneath the site URI, query strings encoded once, and the
    /// rule that keeps the token on its site: nothing is sent to another origin.
    /// </summary>
    internal static class SitePath
    {
        /// <summary>
        /// A path relative to the site URI (<c>/jsonapi</c>, <c>node/1?_format=json</c>) or an absolute URL on the
        /// site's origin; an absolute URL elsewhere is refused before anything is sent.
        /// </summary>
        public static Uri Resolve(Uri siteUri, string? path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new DrupalException(
                    "InvalidPath",
                    DrupalErrorCategory.InvalidArgument,
                    "-Path is empty. Pass a path on the site, such as /jsonapi or node/1?_format=json.");
            }

            var text = path!.Trim();
            var control = RequestText.ControlCharacterAt(text);
            if (control >= 0 || RequestText.HasUserInformation(text))
            {
                throw new DrupalException(
                    "InvalidPath",
                    DrupalErrorCategory.InvalidArgument,
                    control >= 0
                        ? $"-Path '{RequestText.Printable(text)}' holds a control character ({RequestText.Describe(text, control)}), which no address can carry. Pass the path without it, encoded if it is data (%0A for a line break). Nothing was sent."
                        : $"-Path '{RequestText.Printable(text)}' names a user or password before the host, which would be sent along and could be logged on the way. Pass the path without it: the connection's access token is what authenticates. Nothing was sent.",
                    RequestText.Printable(text));
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                if (!OutgoingRequest.IsSameOrigin(absolute, siteUri))
                {
                    throw new DrupalException(
                        "CrossOriginRefused",
                        DrupalErrorCategory.SecurityError,
                        $"'{Origin(absolute)}' is another origin than the connection's site, {Origin(siteUri)}: the access token is only ever sent to its own site, so nothing was sent. Pass a path on the site, or connect to that site with Connect-DrupalApi.",
                        Origin(absolute));
                }

                return absolute;
            }

            // Resolved and then checked, since the URI parser reads some relative forms (\\host, /\\host, mailto:)
            // as another host or scheme.
            if (text.StartsWith("//", StringComparison.Ordinal) || text.IndexOf("://", StringComparison.Ordinal) >= 0
                || !Uri.TryCreate(siteUri, text.TrimStart('/'), out var resolved) || !OutgoingRequest.IsSameOrigin(resolved, siteUri))
            {
                throw new DrupalException(
                    "InvalidPath",
                    DrupalErrorCategory.InvalidArgument,
                    $"-Path '{RequestText.Printable(text)}' is neither a path on the site nor an http or https URL on the site's origin. Pass a path such as /jsonapi or node/1?_format=json.",
                    RequestText.Printable(text));
            }

            return resolved;
        }

        /// <summary>
        /// A link Drupal made, moved onto the site's own origin (its path and query kept): a site behind a reverse
        /// proxy that Drupal does not know of writes its internal host into links, and the token must not go there.
        /// </summary>
        public static Uri OnSiteOrigin(Uri siteUri, Uri link) =>
            OutgoingRequest.IsSameOrigin(link, siteUri)
                ? link
                : new UriBuilder(siteUri.Scheme, siteUri.Host, siteUri.Port) { Path = link.AbsolutePath, Query = link.Query.TrimStart('?') }.Uri;

        /// <summary>The scheme, host and port, never the user information an address may carry.</summary>
        public static string Origin(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

        /// <summary>Appends name=value pairs, each encoded, to the URI's own query.</summary>
        public static Uri WithQuery(Uri uri, IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var pairs = string.Join("&", parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            if (pairs.Length == 0)
            {
                return uri;
            }

            var builder = new UriBuilder(uri);
            var existing = builder.Query.TrimStart('?');
            builder.Query = existing.Length == 0 ? pairs : existing + "&" + pairs;
            return builder.Uri;
        }

        /// <summary>A -Query dictionary as pairs: a list value repeats its name, as PHP's name[]= or a plain repeat.</summary>
        public static IEnumerable<KeyValuePair<string, string>> Pairs(IDictionary? query)
        {
            if (query == null)
            {
                yield break;
            }

            var walk = new InputWalk("-Query");
            using (walk.Enter(query, string.Empty))
            {
                foreach (DictionaryEntry entry in query)
                {
                    var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    foreach (var item in walk.Items(entry.Value, name) ?? new[] { walk.Single(entry.Value, name) })
                    {
                        yield return new KeyValuePair<string, string>(name, Text(item));
                    }
                }
            }
        }

        /// <summary>A value as Drupal reads it in a query string: booleans as 1 and 0, numbers and dates invariant.</summary>
        public static string Text(object? value)
        {
            switch (PowerShellValue.Unwrap(value))
            {
                case null:
                    return string.Empty;
                case bool flag:
                    return flag ? "1" : "0";
                case DateTime date:
                    return date.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
                case DateTimeOffset date:
                    return date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                case var other:
                    return other.ToString() ?? string.Empty;
            }
        }
    }
}
