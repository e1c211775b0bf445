using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using DrupalOAuth.Sheets;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Loads sheet rows (a .csv, .xlsx or .json file, or objects from the pipeline) into entities: every row is
    /// converted, resolved and compared first, then each changed row is created or updated, and each row gets a result.
    /// </summary>
    [Cmdlet(VerbsData.Import, "DrupalEntity", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImportResult))]
    public sealed class ImportDrupalEntityCommand : DrupalApiCmdlet
    {
        private const string PathSet = "Path";
        private const string InputObjectSet = "InputObject";
        private const int ProgressActivityId = 0x44_72_78;

        private readonly List<SheetRow> _rows = new List<SheetRow>();

        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        /// <summary>The sheet to load: .csv, .xlsx or .json.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>A row: an object whose properties are the cells (Import-Csv, Import-Excel), or a hashtable.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        /// <summary>The field rows are matched to existing entities by, such as field_external_id or title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Key { get; set; }

        /// <summary>Whether relationship cells hold the related items' labels (the default) or their ids.</summary>
        [Parameter]
        public ReferenceBy ReferenceBy { get; set; } = ReferenceBy.Label;

        /// <summary>The resource types relationship fields point at: @{ field_tags = 'taxonomy_term--tags' }.</summary>
        [Parameter]
        public IDictionary? ReferenceType { get; set; }

        /// <summary>A label that matches nothing is created (once) instead of failing its row.</summary>
        [Parameter]
        public SwitchParameter CreateMissingReferences { get; set; }

        /// <summary>What separates the values of a multi-value cell ("; " by default).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Delimiter { get; set; }

        /// <summary>Writes the valid rows even when some are invalid.</summary>
        [Parameter]
        public SwitchParameter SkipInvalidRows { get; set; }

        /// <summary>An empty cell empties its field, instead of leaving it as it is.</summary>
        [Parameter]
        public SwitchParameter ClearEmpty { get; set; }

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        /// <summary>How many rows' requests may be in flight at once (1: one at a time); results still come in row order.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 1;

        private OrderedWrites? _writes;

        protected override void Process()
        {
            if (ParameterSetName == InputObjectSet)
            {
                _rows.Add(new SheetRow(_rows.Count + 1, Cells(InputObject!)));
            }
        }

        protected override void Finish()
        {
            var rows = ParameterSetName == PathSet ? SheetReader.Read(GetUnresolvedProviderPathFromPSPath(Path!)).Rows : _rows;
            if (rows.Count == 0)
            {
                WriteVerbose("No rows to import.");
                return;
            }

            var options = new ImportOptions
            {
                Key = Key,
                ReferenceBy = ReferenceBy,
                ReferenceTypes = ReferenceType,
                CreateMissingReferences = CreateMissingReferences,
                SkipInvalidRows = SkipInvalidRows,
                ClearEmpty = ClearEmpty,
            };
            options.Delimiter = Delimiter ?? options.Delimiter;
            if (ThrottleLimit > 1)
            {
                Limit = new AdaptiveLimit(ThrottleLimit);
            }

            var session = RunspaceConnections.Current.Resolve(Connection).OpenSheets(CallOptions);
            var plan = Await((log, cancellation) => session.PlanImportAsync(EntityType!, Bundle, rows, options, log, cancellation));
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            var progress = new CountProgress(this, ProgressActivityId, $"Importing {plan.TypeName}", plan.Rows.Count, "rows");
            _writes = Limit == null ? null : new OrderedWrites(this, Limit, StopToken, progress.Done);
            foreach (var row in plan.Rows)
            {
                if (row.Action == ImportAction.Failed)
                {
                    var result = row.AsResult();
                    Written(new DrupalException("InvalidRow", DrupalErrorCategory.InvalidData, $"{row.Description}: {row.Error}", result), result);
                }
                else if (!row.Writes)
                {
                    Written(null, row.AsResult());
                }
                else if (plan.Stopped)
                {
                    Written(null, Skipped(row));
                }
                else
                {
                    Apply(session, plan, row);
                }

                if (_writes == null)
                {
                    progress.Done();
                }
            }

            _writes?.Finish();
            progress.Complete();
            if (plan.Stopped)
            {
                WriteError(new DrupalException(
                    "ImportStopped",
                    DrupalErrorCategory.InvalidData,
                    $"{plan.StopReason}: nothing was written. Fix them, or pass -SkipInvalidRows to write the valid ones.",
                    plan.TypeName));
            }
        }

        protected override void Release() => _writes?.Abandon();

        /// <summary>A row's result that needs no request, in its place among the rows in flight.</summary>
        private void Written(DrupalException? error, ImportResult result)
        {
            if (_writes != null)
            {
                _writes.Completed(error, result);
                return;
            }

            if (error != null)
            {
                WriteError(error);
            }

            WriteObject(result);
        }

        /// <summary>
        /// One row written, after -WhatIf and -Confirm: its result, Failed (with its error record) when Drupal refused
        /// it. With -ThrottleLimit above 1 it runs alongside other rows, except that a row that creates references
        /// runs alone, so that each is made once and before the rows that use it.
        /// </summary>
        private void Apply(SheetSession session, ImportPlan plan, PlannedRow row)
        {
            if (!ShouldProcess(row.Description, row.Action == ImportAction.WouldCreate ? "Create" : "Update", out var whatIf))
            {
                Written(null, whatIf ? row.AsResult() : Skipped(row));
                return;
            }

            // The result is output, which no scrubbing of error records reaches.
            System.Func<DrupalException, object> failed = e => row.Failed(SecretScrubber.Shared.Scrub(e.Message));
            if (_writes != null)
            {
                var creates = row.CreatesReferences;
                _writes.Add(row.Description, async (log, cancellation) => await session.ApplyAsync(plan, row, log, cancellation).ConfigureAwait(false), failed);
                if (creates)
                {
                    _writes.Finish();
                }

                return;
            }

            try
            {
                WriteObject(Await((log, cancellation) => session.ApplyAsync(plan, row, log, cancellation)));
            }
            catch (DrupalException e)
            {
                WriteError(new DrupalException(e.ErrorId, e.Category, $"{row.Description}: {e.Message}", e.Target, e, e.FurtherErrors));
                WriteObject(failed(e));
            }
        }

        private static ImportResult Skipped(PlannedRow row) => new ImportResult(row.Number, ImportAction.Skipped, row.Id, row.Label, null, null);

        /// <summary>A piped row's cells in order: a dictionary's entries, or else the object's properties.</summary>
        private static IReadOnlyList<KeyValuePair<string, object?>> Cells(PSObject row)
        {
            var cells = new List<KeyValuePair<string, object?>>();
            if (row.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    cells.Add(new KeyValuePair<string, object?>(entry.Key?.ToString() ?? string.Empty, entry.Value));
                }

                return cells;
            }

            foreach (var property in row.Properties)
            {
                cells.Add(new KeyValuePair<string, object?>(property.Name, property.Value));
            }

            return cells;
        }
    }
}
