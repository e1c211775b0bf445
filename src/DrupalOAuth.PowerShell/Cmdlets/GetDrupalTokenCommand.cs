using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// The connection's access token: the cached one while it is valid, else a new one. The token comes as a
    /// SecureString unless -AsPlainText, for handing it to another tool.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DrupalToken")]
    [OutputType("DrupalOAuth.Token")]
    public sealed class GetDrupalTokenCommand : DrupalCmdlet
    {
        internal const string TypeName = "DrupalOAuth.Token";

        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        /// <summary>Fetches a new token even when the cached one is still valid.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void Process()
        {
            var connection = RunspaceConnections.Current.Resolve(Connection);
            var token = Await((log, cancellation) => connection.GetTokenAsync(log, cancellation, Force));
            var result = new PSObject();
            result.TypeNames.Insert(0, TypeName);
            result.Properties.Add(new PSNoteProperty("AccessToken", AsPlainText ? (object)token.RevealPlainText() : token.ToSecureString()));
            result.Properties.Add(new PSNoteProperty("TokenType", token.TokenType));
            result.Properties.Add(new PSNoteProperty("ExpiresOn", token.ExpiresOn));
            result.Properties.Add(new PSNoteProperty("Scope", token.Scope));
            result.Properties.Add(new PSNoteProperty("ConnectionName", connection.Name));
            WriteObject(result);
        }
    }
}
