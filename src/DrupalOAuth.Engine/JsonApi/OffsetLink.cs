using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DrupalOAuth.Http;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// Drupal's JSON:API next links page by offset (<c>page[offset]=50&amp;page[limit]=50</c>), so the links of
    /// the pages after the next can be written before they come, to fetch several at once, and two links that
    /// name the same page can be told to be the same.
    /// </summary>
    internal static class OffsetLink
    {
        private const string OffsetKey = "page[offset]";
        private const string LimitKey = "page[limit]";

        /// <summary>The link's offset and page size, when it has both.</summary>
        public static (long Offset, long Limit)? Read(Uri link)
        {
            long? offset = null;
            long? limit = null;
            foreach (var (key, value) in Parameters(link))
            {
                if (key == OffsetKey && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var o))
                {
                    offset = o;
                }
                else if (key == LimitKey && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0)
                {
                    limit = l;
                }
            }

            return offset is long at && limit is long size ? (at, size) : ((long, long)?)null;
        }

        /// <summary>The same link at another offset, every other parameter as Drupal wrote it.</summary>
        public static Uri At(Uri link, long offset)
        {
            var parts = link.Query.TrimStart('?').Split('&')
                .Select(part => Key(part) == OffsetKey ? part.Substring(0, part.IndexOf('=') + 1) + offset.ToString(CultureInfo.InvariantCulture) : part);
            return new UriBuilder(link) { Query = string.Join("&", parts) }.Uri;
        }

        /// <summary>
        /// The link with one parameter set: any it had are dropped and the new one goes last, so that a link set
        /// before or after it was written ahead takes the same form.
        /// </summary>
        public static Uri With(Uri link, string key, string value)
        {
            var others = link.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(part => !string.Equals(Key(part), key, StringComparison.Ordinal));
            return SitePath.WithQuery(new UriBuilder(link) { Query = string.Join("&", others) }.Uri, new[] { new KeyValuePair<string, string>(key, value) });
        }

        /// <summary>
        /// Which page a link asks for, whatever else it carries: its path and the parameters of JSON:API's
        /// <c>page</c> family (the spec reserves it for paging, so nothing else moves the page), sorted, with
        /// <c>page[offset]</c> 0 when it is not given and <c>page[limit]</c> left out, since a page starts where
        /// its offset says however long it is.
        /// </summary>
        public static string Page(Uri link)
        {
            var paging = Parameters(link)
                .Where(p => p.Key.StartsWith("page[", StringComparison.Ordinal) && p.Key != LimitKey)
                .ToList();
            if (!paging.Any(p => p.Key == OffsetKey))
            {
                paging.Add((OffsetKey, "0"));
            }

            var parameters = paging
                .Select(p => p.Key + "=" + (p.Key == OffsetKey && long.TryParse(p.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var at) ? at.ToString(CultureInfo.InvariantCulture) : p.Value))
                .OrderBy(p => p, StringComparer.Ordinal);
            return Uri.UnescapeDataString(link.AbsolutePath) + "?" + string.Join("&", parameters);
        }

        private static (string Key, string Value)[] Parameters(Uri link) =>
            link.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(part => (Key(part), Uri.UnescapeDataString(part.Substring(part.IndexOf('=') + 1).Replace('+', ' '))))
                .ToArray();

        private static string Key(string part)
        {
            var equals = part.IndexOf('=');
            return Uri.UnescapeDataString((equals < 0 ? part : part.Substring(0, equals)).Replace('+', ' '));
        }
    }
}
