using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Creates entities through JSON:API, from -Attributes or from piped objects (CSV rows from Import-Csv: each
    /// property an attribute), and writes each created entity as Get-DrupalEntity writes it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DrupalEntity", DefaultParameterSetName = AttributesSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("DrupalOAuth.Entity")]
    public sealed class NewDrupalEntityCommand : EntityChangeCmdlet
    {
        private const string AttributesSet = "Attributes";

        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        /// <summary>The attributes by field name: @{ title = 'x'; status = $true; body = @{ value = '...'; format = 'basic_html' } }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AttributesSet)]
        public IDictionary? Attributes { get; set; }

        /// <summary>An object whose properties are the attributes, such as a row from Import-Csv; from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        /// <summary>The relationships by field name: an id, an entity, @{ type; id }, or an array of these.</summary>
        [Parameter]
        public IDictionary? Relationships { get; set; }

        /// <summary>Lets a create be sent again after a lost answer: the UUID it carries makes that safe.</summary>
        [Parameter]
        public SwitchParameter RetryNonIdempotent { get; set; }

        protected override void Process()
        {
            var attributes = ParameterSetName == InputObjectSet ? FromProperties(InputObject!) : Attributes;
            var type = Bundle == null ? EntityType! : $"{EntityType}--{Bundle}";
            var description = Describe(type, null, attributes);
            if (!ShouldProcess(description, "Create"))
            {
                return;
            }

            var connection = ResolveConnection();
            var options = CallOptions;
            Change(description, () =>
            {
                // A piped row is text (Import-Csv) or a spreadsheet's cells; -Attributes are sent as they are given.
                var values = ParameterSetName == InputObjectSet ? Converted(connection, EntityType!, Bundle, null, attributes, Relationships) : attributes;
                return async (log, cancellation) =>
                    await connection.CreateEntityAsync(EntityType!, Bundle, values, Relationships, RetryNonIdempotent, log, cancellation, options).ConfigureAwait(false);
            });
        }

        private static IDictionary FromProperties(PSObject row)
        {
            var attributes = new OrderedDictionary();
            foreach (var property in row.Properties)
            {
                if (property.Name != "id" && property.Name != "type")
                {
                    attributes[property.Name] = property.Value;
                }
            }

            return attributes;
        }
    }
}
