using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Content;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Entities, and everything they reference, as a folder in Drupal core's default-content format
    /// (<c>&lt;entity_type&gt;/&lt;uuid&gt;.yml</c>, a file's bytes beside it): a selection read page by page, or the
    /// entities piped from Get-DrupalEntity; one result per entity as each page is written.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DrupalContent", DefaultParameterSetName = QuerySet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ContentResult))]
    public sealed class ExportDrupalContentCommand : DrupalApiCmdlet
    {
        private const string QuerySet = "Query";
        private const string InputObjectSet = "InputObject";
        private const int ProgressActivityId = 0x44_72_7A;

        private readonly List<KeyValuePair<string, string>> _seeds = new List<KeyValuePair<string, string>>();

        /// <summary>An entity type such as node, taxonomy_term or media; or a resource type's own name, such as node--article.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        /// <summary>The bundle, such as article; the entity type itself when left out.</summary>
        [Parameter(Position = 1, ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        /// <summary>The folder to write: created when missing; files of the same entities are replaced.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Entities from Get-DrupalEntity (their type and id), exported with what they reference.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public IDictionary? Filter { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public string[]? Sort { get; set; }

        /// <summary>UUIDs (JSON:API ids) of the entities to export.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>How many entities of the selection to export (what they reference comes on top).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ValidateRange(1, long.MaxValue)]
        public long? First { get; set; }

        /// <summary>Only the selected entities: what they reference stays a reference in depends.</summary>
        [Parameter]
        public SwitchParameter NoDependencies { get; set; }

        /// <summary>Referenced users are exported too (the fields the consumer may read; never a password).</summary>
        [Parameter]
        public SwitchParameter IncludeUsers { get; set; }

        /// <summary>The languages whose translations are read; by default those the site lists to the consumer.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Language { get; set; }

        /// <summary>How many requests (pages, files) may be in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == QuerySet)
            {
                var filter = EntityQuery.WithIds(Filter, Id);
                var typeName = Bundle == null ? EntityType! : $"{EntityType}--{Bundle}";
                Export(new EntityQuery(EntityType, Bundle, filter, Sort), null, typeName);
                return;
            }

            if (!PipedEntity.TryIdentify(InputObject!, out var type, out var id))
            {
                WriteError(new DrupalException(
                    "NotAnEntity",
                    DrupalErrorCategory.InvalidArgument,
                    "The object from the pipeline has no 'type' and 'id': pipe entities from Get-DrupalEntity, or pass -EntityType with -Filter or -Id.",
                    InputObject));
                return;
            }

            _seeds.Add(new KeyValuePair<string, string>(type, id));
        }

        protected override void Finish()
        {
            if (ParameterSetName == InputObjectSet && _seeds.Count > 0)
            {
                Export(null, _seeds, $"{_seeds.Count} piped entities");
            }
        }

        private void Export(EntityQuery? query, IReadOnlyList<KeyValuePair<string, string>>? seeds, string what)
        {
            var folder = GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(folder, $"Export {what}{(NoDependencies ? string.Empty : " and what they reference")} as default content"))
            {
                return;
            }

            Limit = new AdaptiveLimit(ThrottleLimit);
            var session = RunspaceConnections.Current.Resolve(Connection).OpenContent(CallOptions);
            var walker = new ContentWalker(session, query, seeds, new ContentWalkOptions
            {
                Dependencies = !NoDependencies,
                IncludeUsers = IncludeUsers,
                Languages = Language,
                PagesAtOnce = ThrottleLimit,
                First = First is long first ? (ulong)first : (ulong?)null,
            });
            var exporter = new ContentExporter(session, walker, new ContentFolder(folder));
            var failed = 0;
            var status = string.Empty;
            for (var results = Await(exporter.NextAsync); results != null; results = Await(exporter.NextAsync))
            {
                foreach (var result in results)
                {
                    if (result.Action == ContentAction.Failed)
                    {
                        failed++;
                        WriteError(new DrupalException("ContentNotExported", DrupalErrorCategory.InvalidResult, $"{result.EntityType} {result.Uuid}{(result.Label == null ? string.Empty : $" ({result.Label})")}: {result.Error}", result));
                    }

                    WriteObject(result);
                }

                status = $"{exporter.Exported} entities exported, {exporter.Downloads} files, {failed} failed, {walker.Requests} requests";
                WriteProgress(new ProgressRecord(ProgressActivityId, $"Exporting {what} to {folder}", status));
            }

            WriteProgress(new ProgressRecord(ProgressActivityId, $"Exporting {what} to {folder}", status.Length == 0 ? "nothing to export" : status) { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Exported {exporter.Exported} entities ({exporter.Downloads} with their file's bytes) to {folder} in {walker.Requests} JSON:API requests{(failed > 0 ? $"; {failed} could not be exported" : string.Empty)}.");
        }
    }
}
