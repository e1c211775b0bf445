using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security;
using DrupalOAuth.Errors;
using DrupalOAuth.Input;

namespace DrupalOAuth.Connections
{
    /// <summary>
    /// What a connection is made of, checked once and then immutable: the site URI, the consumer's client id and
    /// secret, the scopes, the endpoint paths and the timeout.
    /// </summary>
    public sealed class ConnectionSettings
    {
        public const string DefaultName = "default";
        public const string DefaultTokenPath = "/oauth/token";
        public const string DefaultGraphQLPath = "/graphql";
        public const string DefaultJsonApiPath = "/jsonapi";
        public const int DefaultTimeoutSec = 100;
        public const int DefaultMaximumRetryCount = 3;
        public const int DefaultRetryIntervalSec = 1;

        /// <summary>256 MB: far above any page Drupal sends, far below what would exhaust a runbook's memory.</summary>
        public const long DefaultMaximumResponseSize = 256L * 1024 * 1024;

        private ConnectionSettings(
            string name,
            Uri siteUri,
            string clientId,
            SecureString clientSecret,
            IReadOnlyList<string> scope,
            Uri tokenUri,
            Uri graphQLUri,
            Uri jsonApiUri,
            ClientAuthentication clientAuthentication,
            TimeSpan timeout,
            int maximumRetryCount,
            TimeSpan retryInterval,
            bool skipCertificateCheck,
            long maximumResponseSize)
        {
            Name = name;
            SiteUri = siteUri;
            ClientId = clientId;
            ClientSecret = clientSecret;
            Scope = scope;
            TokenUri = tokenUri;
            GraphQLUri = graphQLUri;
            JsonApiUri = jsonApiUri;
            ClientAuthentication = clientAuthentication;
            Timeout = timeout;
            MaximumRetryCount = maximumRetryCount;
            RetryInterval = retryInterval;
            SkipCertificateCheck = skipCertificateCheck;
            MaximumResponseSize = maximumResponseSize;
            SecretFingerprint = Tokens.SecretFingerprint.Of(clientSecret);
        }

        public string Name { get; }

        public Uri SiteUri { get; }

        public string ClientId { get; }

        /// <summary>Read-only; turned into plain text only for the moment a token request is built.</summary>
        internal SecureString ClientSecret { get; }

        /// <summary>A keyed hash of the secret, for the token cache: tokens are shared only between equal secrets.</summary>
        internal string SecretFingerprint { get; }

        public IReadOnlyList<string> Scope { get; }

        public Uri TokenUri { get; }

        public Uri GraphQLUri { get; }

        /// <summary>The JSON:API entry point, whose index names every resource type's path.</summary>
        public Uri JsonApiUri { get; }

        public ClientAuthentication ClientAuthentication { get; }

        public TimeSpan Timeout { get; }

        /// <summary>Retries after a 429 or 503 (any request) or a 502, 504 or broken connection (safe requests only).</summary>
        public int MaximumRetryCount { get; }

        /// <summary>The first backoff between retries when the server gives no Retry-After; it doubles each time.</summary>
        public TimeSpan RetryInterval { get; }

        public bool SkipCertificateCheck { get; }

        /// <summary>The most bytes an answer read into memory or as it comes may hold once inflated; 0 for no limit. -OutFile has none.</summary>
        public long MaximumResponseSize { get; }

        /// <summary>
        /// Checks every part and says what is wrong and what to do. An <c>http://</c> site other than loopback is
        /// refused unless <paramref name="allowInsecureHttp"/>, since the secret and the token would travel in clear.
        /// </summary>
        public static ConnectionSettings Create(
            string? siteUri,
            string? clientId,
            SecureString? clientSecret,
            IEnumerable<string>? scope = null,
            string? name = null,
            string? tokenPath = null,
            string? graphQLPath = null,
            ClientAuthentication clientAuthentication = ClientAuthentication.Body,
            int timeoutSec = DefaultTimeoutSec,
            bool allowInsecureHttp = false,
            int maximumRetryCount = DefaultMaximumRetryCount,
            int retryIntervalSec = DefaultRetryIntervalSec,
            bool skipCertificateCheck = false,
            string? jsonApiPath = null,
            long maximumResponseSize = DefaultMaximumResponseSize)
        {
            var site = ParseSiteUri(siteUri, allowInsecureHttp);
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new DrupalException(
                    "MissingClientId",
                    DrupalErrorCategory.InvalidArgument,
                    "No client id was given. Pass -ClientId (the consumer's Client ID in Drupal), a -Credential whose user name is the client id, or set DRUPAL_CLIENT_ID.");
            }

            if (clientSecret == null || clientSecret.Length == 0)
            {
                throw new DrupalException(
                    "MissingClientSecret",
                    DrupalErrorCategory.InvalidArgument,
                    $"No client secret was given for client '{clientId}'. Pass -ClientSecret as a SecureString, a -Credential whose password is the secret, or set DRUPAL_CLIENT_SECRET.",
                    clientId);
            }

            if (clientAuthentication == ClientAuthentication.Basic && clientId!.IndexOf(':') >= 0)
            {
                throw new DrupalException(
                    "ClientIdNotBasicCompatible",
                    DrupalErrorCategory.InvalidArgument,
                    $"The client id '{clientId}' holds a ':', which HTTP Basic cannot carry (Drupal splits id and secret at the first ':'). Use -ClientAuthentication Body.",
                    clientId);
            }

            if (timeoutSec <= 0)
            {
                throw new DrupalException(
                    "InvalidTimeout",
                    DrupalErrorCategory.InvalidArgument,
                    $"The timeout must be a positive number of seconds; {timeoutSec} was given.",
                    timeoutSec);
            }

            if (maximumRetryCount < 0 || retryIntervalSec < 0)
            {
                var (parameter, value) = maximumRetryCount < 0 ? ("-MaximumRetryCount", maximumRetryCount) : ("-RetryIntervalSec", retryIntervalSec);
                throw new DrupalException(
                    "InvalidRetry",
                    DrupalErrorCategory.InvalidArgument,
                    $"{parameter} must be 0 or more, not {value}.",
                    value);
            }

            if (maximumResponseSize < 0)
            {
                throw new DrupalException(
                    "InvalidMaximumResponseSize",
                    DrupalErrorCategory.InvalidArgument,
                    $"-MaximumResponseSize must be a number of bytes, or 0 for no limit; {maximumResponseSize} was given.",
                    maximumResponseSize);
            }

            var secret = clientSecret.Copy();
            secret.MakeReadOnly();
            var scopes = (scope ?? Enumerable.Empty<string>())
                .SelectMany(s => (s ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            return new ConnectionSettings(
                string.IsNullOrWhiteSpace(name) ? DefaultName : name!.Trim(),
                site,
                clientId!.Trim(),
                secret,
                scopes,
                Combine(site, tokenPath ?? DefaultTokenPath, "TokenPath"),
                Combine(site, graphQLPath ?? DefaultGraphQLPath, "GraphQLPath"),
                Combine(site, jsonApiPath ?? DefaultJsonApiPath, "JsonApiPath"),
                clientAuthentication,
                TimeSpan.FromSeconds(timeoutSec),
                maximumRetryCount,
                TimeSpan.FromSeconds(retryIntervalSec),
                skipCertificateCheck,
                maximumResponseSize);
        }

        /// <summary>The client credentials as the token request needs them, for that moment only.</summary>
        internal NetworkCredential GetCredential() => new NetworkCredential(ClientId, ClientSecret);

        private static Uri ParseSiteUri(string? value, bool allowInsecureHttp)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new DrupalException(
                    "MissingUri",
                    DrupalErrorCategory.InvalidArgument,
                    "No site URI was given. Pass -Uri with the Drupal site's base URI (for example https://www.example.com) or set DRUPAL_URI.");
            }

            // The text is shown without user information: a malformed address may still hold a password.
            var shown = RequestText.Printable(value!);
            if (RequestText.HasUserInformation(value!))
            {
                throw new DrupalException(
                    "InvalidUri",
                    DrupalErrorCategory.InvalidArgument,
                    $"The site URI '{shown}' names a user or password before the host, which would leak into logs and is not how a connection authenticates. Pass the site's base URI alone and the client's credentials as -ClientId and -ClientSecret (or -Credential).",
                    shown);
            }

            if (!Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || string.IsNullOrEmpty(uri.Host))
            {
                throw new DrupalException(
                    "InvalidUri",
                    DrupalErrorCategory.InvalidArgument,
                    $"'{shown}' is not an absolute http or https URI. Pass the Drupal site's base URI, for example https://www.example.com or https://www.example.com/drupal.",
                    shown);
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new DrupalException(
                    "InvalidUri",
                    DrupalErrorCategory.InvalidArgument,
                    $"The site URI '{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}' must not carry a query or a fragment. Pass only the site's base URI.",
                    $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowInsecureHttp)
            {
                throw new DrupalException(
                    "InsecureHttp",
                    DrupalErrorCategory.SecurityError,
                    $"The site URI '{uri}' uses http://, so the client secret and the access token would travel in clear text. Use https://, or pass -AllowInsecureHttp if this network is trusted.",
                    uri);
            }

            // A base path ends in '/' so that relative endpoint paths are resolved beneath it, not beside it.
            var path = uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri.AbsolutePath : uri.AbsolutePath + "/";
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        }

        private static Uri Combine(Uri site, string path, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(path)
                || Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme != "file")
            {
                throw new DrupalException(
                    "InvalidPath",
                    DrupalErrorCategory.InvalidArgument,
                    $"-{parameterName} '{RequestText.Printable(path)}' must be a path on the site, such as {(parameterName == "TokenPath" ? DefaultTokenPath : parameterName == "JsonApiPath" ? DefaultJsonApiPath : DefaultGraphQLPath)}.",
                    RequestText.Printable(path));
            }

            return new Uri(site, path.TrimStart('/'));
        }
    }
}
