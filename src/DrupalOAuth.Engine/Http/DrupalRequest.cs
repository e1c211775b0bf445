using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using DrupalOAuth.Errors;
using DrupalOAuth.Input;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// Any authenticated call to the site (Invoke-DrupalRequest): a method, a path on the site, query parameters,
    /// headers and a body. Checked when made, so that nothing is sent for a request that cannot be right.
    /// </summary>
    public sealed class DrupalRequest
    {
        private static readonly string[] Methods = { "GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS" };

        public DrupalRequest(
            string? method,
            string? path,
            object? body = null,
            string? contentType = null,
            IDictionary? query = null,
            IDictionary? headers = null,
            string? outFile = null,
            bool retryNonIdempotent = false,
            bool asHashtable = false)
        {
            var verb = (method ?? "GET").Trim().ToUpperInvariant();
            if (Array.IndexOf(Methods, verb) < 0)
            {
                throw new DrupalException(
                    "InvalidMethod",
                    DrupalErrorCategory.InvalidArgument,
                    $"-Method '{method}' is not one of {string.Join(", ", Methods)}.",
                    method);
            }

            Method = new HttpMethod(verb);
            Path = path;
            Body = body;
            ContentType = string.IsNullOrWhiteSpace(contentType) ? null : RequestText.HeaderValue(contentType!.Trim(), "Content-Type", "-ContentType");
            Query = query;
            OutFile = outFile;
            RetryNonIdempotent = retryNonIdempotent;
            AsHashtable = asHashtable;
            Headers = ReadHeaders(headers);
            if (Body != null && (Method == HttpMethod.Get || Method == HttpMethod.Head))
            {
                throw new DrupalException(
                    "BodyNotAllowed",
                    DrupalErrorCategory.InvalidArgument,
                    $"A {verb} request carries no body, and Drupal would ignore one. Pass -Query for parameters, or use -Method Post, Patch or Put.",
                    verb);
            }
        }

        public HttpMethod Method { get; }

        public string? Path { get; }

        /// <summary>A dictionary or object (sent as JSON), a string (sent as it is, UTF-8) or a byte[] (sent as it is).</summary>
        public object? Body { get; }

        public string? ContentType { get; }

        public IDictionary? Query { get; }

        /// <summary>Without Authorization (refused) and Content-Type (taken as <see cref="ContentType"/>).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        /// <summary>A file path: a successful answer's body is streamed there, not read into memory.</summary>
        public string? OutFile { get; }

        /// <summary>The user accepts that a POST or PATCH may run twice when its answer was lost.</summary>
        public bool RetryNonIdempotent { get; }

        /// <summary>A JSON answer as ordered dictionaries instead of PSCustomObjects.</summary>
        public bool AsHashtable { get; }

        /// <summary>GET, HEAD, OPTIONS, PUT and DELETE may be sent again after a lost answer; POST and PATCH only when asked.</summary>
        public bool IsIdempotent => RetryNonIdempotent || (Method.Method != "POST" && Method.Method != "PATCH");

        private static IReadOnlyList<KeyValuePair<string, string>> ReadHeaders(IDictionary? headers)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (headers == null)
            {
                return list;
            }

            var walk = new InputWalk("-Headers");
            using (walk.Enter(headers, string.Empty))
            {
                foreach (DictionaryEntry entry in headers)
                {
                    var name = RequestText.HeaderName((Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty).Trim(), "-Headers");
                    if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new DrupalException(
                            "AuthorizationHeaderRefused",
                            DrupalErrorCategory.InvalidArgument,
                            "-Headers must not hold an Authorization header: the connection sends its own access token. Remove it; to call as another consumer, connect with Connect-DrupalApi -Name and pass -Connection.",
                            name);
                    }

                    // A list is one header with the values joined, as Invoke-RestMethod sends it.
                    var values = walk.Items(entry.Value, name);
                    var value = values == null ? SitePath.Text(walk.Single(entry.Value, name)) : string.Join(", ", values.Select(SitePath.Text));
                    list.Add(new KeyValuePair<string, string>(name, RequestText.HeaderValue(value, name, "-Headers")));
                }
            }

            return list;
        }

        internal string? HeaderValue(string name) =>
            Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
    }
}
