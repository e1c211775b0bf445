using System;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Content;
using DrupalOAuth.Errors;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Imports a folder in Drupal core's default-content format (<c>content:export</c>, a recipe's <c>content/</c>,
    /// Export-DrupalContent) over JSON:API: the whole folder is read, ordered and compared with the site first, then
    /// each entity is created with its UUID, updated in the fields that differ, or left alone, with one result each.
    /// </summary>
    [Cmdlet(VerbsData.Import, "DrupalContent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ContentResult))]
    public sealed class ImportDrupalContentCommand : DrupalApiCmdlet
    {
        private const int ProgressActivityId = 0x44_72_63;

        private OrderedWrites? _writes;

        /// <summary>The folder: &lt;entity_type&gt;/&lt;uuid&gt;.yml (or .json) files, and file entities' bytes beside them.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>What to do with an entity whose UUID the site has: send the fields that differ (Update), leave it (Skip), or fail it (Error).</summary>
        [Parameter]
        public ExistingContent Existing { get; set; } = ExistingContent.Update;

        /// <summary>The name or UUID of the site's user that references to users it lacks become.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DefaultUser { get; set; }

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        /// <summary>How many entities may be written at once; results still come in the plan's order.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void Process()
        {
        }

        protected override void Finish()
        {
            var root = GetUnresolvedProviderPathFromPSPath(Path!);
            var folder = ContentFolder.Read(root, StopToken);
            Limit = new AdaptiveLimit(ThrottleLimit);
            var session = RunspaceConnections.Current.Resolve(Connection).OpenContent(CallOptions);
            var importer = new ContentImporter(session, new ContentImportOptions { Existing = Existing, DefaultUser = DefaultUser });
            var plan = Await((log, cancellation) => importer.PlanAsync(folder, log, cancellation));
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            var progress = new CountProgress(this, ProgressActivityId, $"Importing {root}", plan.Items.Count, "entities");
            _writes = new OrderedWrites(this, Limit, StopToken, progress.Done);
            foreach (var item in plan.Items)
            {
                if (!plan.WillWrite(item))
                {
                    _writes.Completed(item.Failure, item.AsResult());
                    continue;
                }

                if (!ShouldProcess(item.ToString(), item.Action == ContentAction.Created ? "Create" : "Update", out var whatIf))
                {
                    _writes.Completed(null, importer.Decline(plan, item, whatIf));
                    continue;
                }

                WaitForDependencies(plan, item);
                _writes.Add(
                    item.ToString(),
                    async (log, cancellation) =>
                    {
                        var result = await importer.ApplyAsync(plan, item, log, cancellation).ConfigureAwait(false);
                        if (result.Action == ContentAction.Failed)
                        {
                            throw item.Failure!;
                        }

                        return result;
                    },
                    e => item.AsResult());
            }

            _writes.Finish();
            progress.Complete();
            if (plan.StopReason != null)
            {
                WriteError(new DrupalException("ImportStopped", DrupalErrorCategory.InvalidData, $"{plan.StopReason}: nothing was written. Fix them and run the import again.", root));
            }
        }

        protected override void Release() => _writes?.Abandon();

        /// <summary>
        /// An entity starts once what it references is settled, so that no write waits in a slot for one without a
        /// slot; the plan puts each level of references together, so those of a level go at once.
        /// </summary>
        private void WaitForDependencies(ContentImportPlan plan, PlannedContent item)
        {
            var ready = plan.DependenciesSettled(item);
            if (ready.IsCompleted)
            {
                return;
            }

            try
            {
                ready.Wait(StopToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
