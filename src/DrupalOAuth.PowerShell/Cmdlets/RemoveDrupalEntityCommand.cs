using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;

namespace DrupalOAuth.Commands
{
    /// <summary>Deletes entities from the pipeline or named by -EntityType, -Bundle and -Id; asks first unless -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "DrupalEntity", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveDrupalEntityCommand : EntityChangeCmdlet
    {
        /// <summary>An entity from Get-DrupalEntity (its type and id are used).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        [Parameter(Position = 1, ParameterSetName = IdSet)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        /// <summary>Deletes without asking; -WhatIf still only says what would be deleted.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            string entityType, id;
            string? bundle = null;
            if (ParameterSetName == IdSet)
            {
                (entityType, bundle, id) = (EntityType!, Bundle, Id!);
            }
            else if (!TryIdentify(InputObject!, out entityType, out id))
            {
                return;
            }

            var description = Describe(bundle == null ? entityType : $"{entityType}--{bundle}", id, InputObject);
            var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
            if ((!Force || whatIf) && !ShouldProcess(description, "Delete"))
            {
                return;
            }

            var connection = ResolveConnection();
            Change(description, () => Await(async (log, cancellation) =>
            {
                await connection.RemoveEntityAsync(entityType, bundle, id, log, cancellation, CallOptions).ConfigureAwait(false);
                return true;
            }));
        }
    }
}
