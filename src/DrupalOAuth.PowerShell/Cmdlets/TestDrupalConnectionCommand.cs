using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using DrupalOAuth.Identity;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Checks that the connection's token works and tells who Drupal takes the consumer for: user id, roles and
    /// permissions. Warns when that user is an administrator; with -Strict that is an error, for jobs that must
    /// refuse to run as one.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DrupalConnection")]
    [OutputType(typeof(DrupalIdentity))]
    public sealed class TestDrupalConnectionCommand : DrupalApiCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        /// <summary>Fails with AdministratorConsumer instead of warning when the consumer's user is an administrator.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        protected override void Process()
        {
            var connection = RunspaceConnections.Current.Resolve(Connection);
            var identity = Await((log, cancellation) => connection.GetIdentityAsync(log, cancellation, CallOptions));
            WriteVerbose($"Drupal takes {identity} (from {identity.Source}).");
            if (identity.AdministratorWarning is { } warning)
            {
                if (Strict)
                {
                    throw new DrupalException("AdministratorConsumer", DrupalErrorCategory.SecurityError, warning, connection.ClientId);
                }

                WriteWarning(warning);
            }

            WriteObject(identity);
        }
    }
}
