using System;
using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Reads entities through Drupal core's JSON:API: one page, every page (-All) or the first N items (-First),
    /// each resource one flat object for the pipeline; or single entities by id, also from the pipeline.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DrupalEntity", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType("DrupalOAuth.Entity")]
    public sealed class GetDrupalEntityCommand : DrupalApiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        /// <summary>An entity type such as node, user or taxonomy_term; or a resource type's own name, such as node--article.</summary>
        /// <remarks>Bound from the type property of piped entities, so that their own objects can be read again.</remarks>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("type")]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        /// <summary>The bundle, such as article; the entity type itself when left out (user is user--user).</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        /// <summary>The entity's UUID (its JSON:API id); from the pipeline, the id property of its objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public IDictionary? Filter { get; set; }

        /// <summary>Field names, a leading '-' for descending: 'title', '-created'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string[]? Sort { get; set; }

        /// <summary>Relationship paths whose resources replace their ids: 'uid', 'field_tags.vid'.</summary>
        [Parameter]
        public string[]? Include { get; set; }

        /// <summary>The fields to read: names of the main type's fields, or a hashtable of resource type to field names.</summary>
        [Parameter]
        [Alias("Fields")]
        public object[]? Property { get; set; }

        /// <summary>Reads through the language prefix (/es/jsonapi/...); warns when Drupal fell back to another language.</summary>
        [Parameter]
        public string? Language { get; set; }

        /// <summary>page[limit]: items per request. Drupal caps it at 50 unless the site raises it.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 10000)]
        public int? PageSize { get; set; }

        /// <summary>Follows links.next to the last page.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter All { get; set; }

        /// <summary>
        /// How many pages to request at once, at most, where Drupal's links page by offset (they do unless a module
        /// changes them): 4 by default, fewer while the site answers 429 or 503. 1 still asks for the next page while
        /// the pipeline handles the current one.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>
        /// Only the entities whose changed is at or after this time, in the order of changed and then id (a filter
        /// ANDed with -Filter); with -StatePath, the later of it and the state's watermark.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTimeOffset? ChangedSince { get; set; }

        /// <summary>
        /// A file that keeps the watermark between runs: the first run reads everything, each later one what
        /// changed since the last run that completed. Written only once the last item was written.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>With -StatePath: after the changed entities, a DrupalOAuth.DeletedEntity for each one written before and gone since.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeDeleted { get; set; }

        /// <summary>Writes the JSON:API documents as they came, one per page.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        protected override void Process()
        {
            var query = new EntityQuery(EntityType, Bundle, Filter, Sort, Include, Property, Language, PageSize);
            var connection = RunspaceConnections.Current.Resolve(Connection);
            if (ParameterSetName == ListSet && (ChangedSince != null || StatePath != null || IncludeDeleted))
            {
                var scope = ReadScope(All || StatePath != null);
                var changes = connection.PageChanges(query, ChangedSince, StatePath == null ? null : GetUnresolvedProviderPathFromPSPath(StatePath), StatePath, IncludeDeleted, scope, Raw, CallOptions, ThrottleLimit);
                WritePages(changes, scope);
                changes.SaveState();
                return;
            }

            if (ParameterSetName == ListSet)
            {
                var scope = ReadScope(All);
                WritePages(connection.PageEntities(query, scope, Raw, CallOptions, ThrottleLimit), scope);
                return;
            }

            try
            {
                var page = Await((log, cancellation) => connection.GetEntityAsync(query, Id!, Raw, log, cancellation, CallOptions));
                foreach (var warning in page.Warnings)
                {
                    WriteWarning(warning);
                }

                WriteObject(page.Items, enumerateCollection: true);
            }
            catch (DrupalException e) when (e.ErrorId == "NotFound" || e.ErrorId == "Forbidden")
            {
                // One missing or hidden entity among many piped ids must not stop the others.
                WriteError(e);
            }
        }
    }
}
