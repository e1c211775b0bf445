using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Http;

namespace DrupalOAuth.Tokens
{
    /// <summary>Asks the token endpoint for a token with the client credentials grant.</summary>
    internal static class TokenClient
    {
        public static async Task<AccessToken> RequestAsync(ConnectionSettings settings, HttpPipeline http, IClock clock, IDrupalLog log, CancellationToken cancellationToken)
        {
            var scope = settings.Scope.Count == 0 ? "the consumer's default scopes" : "scope '" + string.Join(" ", settings.Scope) + "'";
            log.Verbose($"Requesting a token for client '{settings.ClientId}' from {settings.TokenUri} ({scope}, client authentication {settings.ClientAuthentication}).");

            // The lifetime counts from before the request left, so network delay only makes the token look older.
            var issuedOn = clock.UtcNow;
            var result = await http.SendAsync(BuildRequest(settings), log, cancellationToken).ConfigureAwait(false);
            var token = TokenResponse.Parse(result, settings.ClientId, settings.Scope, issuedOn);
            log.Verbose($"Got a token for client '{settings.ClientId}' (scope '{string.Join(" ", token.Scope)}'), valid until {token.ExpiresOn:u}; it will be renewed after {token.RenewOn:u}.");
            return token;
        }

        private static OutgoingRequest BuildRequest(ConnectionSettings settings)
        {
            var credential = settings.GetCredential();
            var form = new List<KeyValuePair<string, string>> { Pair("grant_type", "client_credentials") };
            string? authorization = null;
            if (settings.ClientAuthentication == ClientAuthentication.Basic)
            {
                authorization = "Basic " + BasicCredentials(credential);
            }
            else
            {
                form.Add(Pair("client_id", credential.UserName));
                form.Add(Pair("client_secret", credential.Password));
            }

            if (settings.Scope.Count > 0)
            {
                form.Add(Pair("scope", string.Join(" ", settings.Scope)));
            }

            // A token request may be repeated (each one only issues another token), but it carries the secret.
            return new OutgoingRequest(HttpMethod.Post, settings.TokenUri, () => new FormUrlEncodedContent(form), isIdempotent: true, carriesSecret: true, authorization: authorization);
        }

        /// <summary>
        /// The credentials of a Basic Authorization header; raw, not form-encoded first: Drupal does not decode either
        /// part (see ClientAuthentication.Basic).
        /// </summary>
        internal static string BasicCredentials(NetworkCredential credential) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password));

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
