using System.Management.Automation;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>A change to an entity that exists: piped in (its type and id), or named by -EntityType, -Bundle and -Id.</summary>
    public abstract class ExistingEntityCmdlet : EntityChangeCmdlet
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

        /// <summary>The entity this pipeline item names; false (its error written) for a piped object without type and id.</summary>
        protected bool TryTarget(out string entityType, out string? bundle, out string id, out string description)
        {
            (entityType, bundle, id) = (EntityType ?? string.Empty, Bundle, Id ?? string.Empty);
            var found = ParameterSetName == IdSet || TryIdentify(InputObject!, out entityType, out id);
            description = found ? Describe(bundle == null ? entityType : $"{entityType}--{bundle}", id, InputObject) : string.Empty;
            return found;
        }
    }
}
