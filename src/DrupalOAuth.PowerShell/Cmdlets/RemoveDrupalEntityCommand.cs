using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;

namespace DrupalOAuth.Commands
{
    /// <summary>Deletes entities from the pipeline or named by -EntityType, -Bundle and -Id; asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "DrupalEntity", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveDrupalEntityCommand : ExistingEntityCmdlet
    {
        /// <summary>Deletes without asking; -WhatIf still only says what would be deleted.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            if (!TryTarget(out var entityType, out var bundle, out var id, out var description))
            {
                return;
            }

            var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
            if ((!Force || whatIf) && !ShouldProcess(description, "Delete"))
            {
                return;
            }

            var connection = ResolveConnection();
            var options = CallOptions;
            Change(description, () => async (log, cancellation) =>
            {
                await connection.RemoveEntityAsync(entityType, bundle, id, log, cancellation, options).ConfigureAwait(false);
                return null;
            });
        }
    }
}
