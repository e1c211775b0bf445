using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Changes the attributes and relationships it is given, and only those, of entities from the pipeline or
    /// named by -EntityType, -Bundle and -Id.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "DrupalEntity", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("DrupalOAuth.Entity")]
    public sealed class SetDrupalEntityCommand : ExistingEntityCmdlet
    {
        /// <summary>The attributes to change, by field name; the others stay as they are.</summary>
        [Parameter]
        public IDictionary? Attributes { get; set; }

        /// <summary>The relationships to change: an id, an entity, @{ type; id }, an array of these, or $null.</summary>
        [Parameter]
        public IDictionary? Relationships { get; set; }

        /// <summary>Writes each entity as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            if ((Attributes == null || Attributes.Count == 0) && (Relationships == null || Relationships.Count == 0))
            {
                throw new DrupalException("NothingToChange", DrupalErrorCategory.InvalidArgument, "Pass -Attributes or -Relationships with the fields to change, such as -Attributes @{ status = $false }.");
            }

            if (!TryTarget(out var entityType, out var bundle, out var id, out var description) || !ShouldProcess(description, "Update"))
            {
                return;
            }

            var connection = ResolveConnection();
            var options = CallOptions;
            Change(description, () =>
            {
                var attributes = Converted(connection, entityType, bundle, id, Attributes, Relationships);
                return async (log, cancellation) =>
                {
                    var updated = await connection.UpdateEntityAsync(entityType, bundle, id, attributes, Relationships, log, cancellation, options).ConfigureAwait(false);
                    return PassThru ? updated : null;
                };
            });
        }
    }
}
