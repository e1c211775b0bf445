using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands
{
    /// <summary>Forgets a connection and its cached token; the current one when none is named.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DrupalApi", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDrupalApiCommand : DrupalCmdlet
    {
        private const string NameSet = "Name";
        private const string ConnectionSet = "Connection";

        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [ArgumentCompleter(typeof(ConnectionNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ConnectionSet)]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        protected override void Process()
        {
            var registry = RunspaceConnections.Current;
            var connection = ParameterSetName == ConnectionSet
                ? Connection
                : Name != null
                    ? registry.Get(Name) ?? throw new DrupalException(
                        "ConnectionNotFound",
                        DrupalErrorCategory.ObjectNotFound,
                        $"There is no Drupal connection named '{Name}'. Get-DrupalConnection lists the connections.",
                        Name)
                    : registry.Resolve(null);

            if (registry.Remove(connection!))
            {
                WriteVerbose($"Disconnected '{connection!.Name}' ({connection.SiteUri}) and forgot its token.");
            }
            else
            {
                WriteVerbose($"The connection '{connection!.Name}' was already disconnected.");
            }
        }
    }
}
