using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands
{
    /// <summary>Lists the connections of this process, or those whose names match.</summary>
    [Cmdlet(VerbsCommon.Get, "DrupalConnection")]
    [OutputType(typeof(DrupalConnection))]
    public sealed class GetDrupalConnectionCommand : DrupalCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ConnectionNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only the current connection.</summary>
        [Parameter]
        public SwitchParameter Current { get; set; }

        protected override void Process()
        {
            var connections = RunspaceConnections.Current.GetAll();
            if (Current)
            {
                connections = connections.Where(c => c.IsCurrent).ToList();
            }

            if (Name == null)
            {
                WriteObject(connections, enumerateCollection: true);
                return;
            }

            foreach (var name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var matches = connections.Where(c => pattern.IsMatch(c.Name)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(new DrupalException(
                        "ConnectionNotFound",
                        DrupalErrorCategory.ObjectNotFound,
                        $"There is no Drupal connection named '{name}'. Connect-DrupalApi -Name '{name}' makes one.",
                        name));
                }

                WriteObject(matches, enumerateCollection: true);
            }
        }
    }
}
