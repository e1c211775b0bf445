using System.Management.Automation;
using System.Security;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Connects to a Drupal site as a Simple OAuth consumer with the client credentials grant, gets a token at once
    /// and makes the connection current.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DrupalApi", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(DrupalConnection))]
    public sealed class ConnectDrupalApiCommand : DrupalCmdlet
    {
        private const string ClientSecretSet = "ClientSecret";
        private const string CredentialSet = "Credential";
        private const string EnvironmentSet = "Environment";

        /// <summary>The site's base URI; DRUPAL_URI when left out.</summary>
        [Parameter(Position = 0)]
        [Alias("SiteUri")]
        public string? Uri { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        public string? ClientId { get; set; }

        /// <summary>DRUPAL_CLIENT_SECRET when left out; never prompted for, so jobs fail instead of hanging.</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        public SecureString? ClientSecret { get; set; }

        /// <summary>User name = client id, password = secret: what an Azure Automation credential asset holds.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        public PSCredential? Credential { get; set; }

        [Parameter]
        public string[]? Scope { get; set; }

        [Parameter]
        public string TokenPath { get; set; } = ConnectionSettings.DefaultTokenPath;

        [Parameter]
        public string GraphQLPath { get; set; } = ConnectionSettings.DefaultGraphQLPath;

        /// <summary>The JSON:API entry point, whose index names every resource type's path; /jsonapi unless the site moved it.</summary>
        [Parameter]
        public string JsonApiPath { get; set; } = ConnectionSettings.DefaultJsonApiPath;

        [Parameter]
        public ClientAuthentication ClientAuthentication { get; set; } = ClientAuthentication.Body;

        [Parameter]
        [ArgumentCompleter(typeof(ConnectionNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = ConnectionSettings.DefaultName;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = ConnectionSettings.DefaultTimeoutSec;

        /// <summary>Retries after 429/503 (any request) and 502/504/broken connections (queries only), as Invoke-RestMethod.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = ConnectionSettings.DefaultMaximumRetryCount;

        /// <summary>The first wait between retries when Drupal sends no Retry-After; it doubles each time.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int RetryIntervalSec { get; set; } = ConnectionSettings.DefaultRetryIntervalSec;

        /// <summary>
        /// The most bytes an answer may hold once inflated (a gzip answer counts as what it inflates to); 0 for no limit.
        /// Invoke-DrupalRequest -OutFile has none.
        /// </summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaximumResponseSize { get; set; } = ConnectionSettings.DefaultMaximumResponseSize;

        /// <summary>Accepts any TLS certificate: for test sites with self-signed certificates only.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Skips the check that the consumer's user is no administrator.</summary>
        [Parameter]
        public SwitchParameter SkipAdminCheck { get; set; }

        /// <summary>Allows http:// to a host other than loopback, where the secret travels in clear text.</summary>
        [Parameter]
        public SwitchParameter AllowInsecureHttp { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var uri = Uri ?? EnvironmentVariables.Get(EnvironmentVariables.SiteUri);
            string? clientId;
            SecureString? secret;
            switch (ParameterSetName)
            {
                case CredentialSet:
                    clientId = Credential!.UserName;
                    secret = Credential.Password;
                    break;
                case ClientSecretSet:
                    clientId = ClientId;
                    secret = ClientSecret ?? EnvironmentVariables.GetSecret();
                    break;
                default:
                    clientId = EnvironmentVariables.Get(EnvironmentVariables.ClientId);
                    secret = EnvironmentVariables.GetSecret();
                    WriteVerbose($"No -ClientId or -Credential: using {EnvironmentVariables.ClientId} and {EnvironmentVariables.ClientSecret}.");
                    break;
            }

            var settings = ConnectionSettings.Create(
                uri, clientId, secret, Scope, Name, TokenPath, GraphQLPath, ClientAuthentication, TimeoutSec, AllowInsecureHttp, MaximumRetryCount, RetryIntervalSec, SkipCertificateCheck, JsonApiPath, MaximumResponseSize);
            if (SkipCertificateCheck)
            {
                WriteWarning($"-SkipCertificateCheck: the TLS certificate of {settings.SiteUri.Host} is not checked, so anyone on the network path could pose as the site and receive the client secret. Use it only for test sites.");
            }

            var connection = Await((log, cancellation) => DrupalConnection.OpenAsync(settings, log, cancellation));
            RunspaceConnections.Current.Add(connection);
            WriteVerbose($"Connected to {connection.SiteUri} as client '{connection.ClientId}'; connection '{connection.Name}' is now current.");
            if (!SkipAdminCheck)
            {
                CheckAdministrator(connection);
            }

            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        // A warning, not a failure: the connection works. Test-DrupalConnection -Strict makes it an error.
        private void CheckAdministrator(DrupalConnection connection)
        {
            try
            {
                var identity = Await((log, cancellation) => connection.GetIdentityAsync(log, cancellation));
                if (identity.AdministratorWarning is { } warning)
                {
                    WriteWarning(warning);
                }
            }
            catch (DrupalException e)
            {
                WriteVerbose($"Could not check whether the consumer's user is an administrator: {e.Message}");
            }
        }
    }
}
