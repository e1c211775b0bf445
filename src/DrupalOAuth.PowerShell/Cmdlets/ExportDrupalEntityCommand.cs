using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Sheets;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Entities as sheet rows, one plain value a cell: read page by page through JSON:API (or piped in from
    /// Get-DrupalEntity) and written to the pipeline, or to a .csv, .xlsx or .json file as each page arrives.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DrupalEntity", DefaultParameterSetName = QuerySet, SupportsPaging = true, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType("DrupalOAuth.SheetRow")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDrupalEntityCommand : DrupalApiCmdlet
    {
        private const string QuerySet = "Query";
        private const string InputObjectSet = "InputObject";

        // Piped entities are turned into rows this many at a time, so that their labels take one request per related type and batch.
        private const int BatchSize = 50;

        private const int ProgressActivityId = 0x44_72_77;

        private readonly List<object?> _batch = new List<object?>(BatchSize);
        private SheetExport? _export;
        private SheetWriter? _writer;
        private string? _path;
        private bool _declined;
        private long _rows;

        /// <summary>An entity type such as node, user or taxonomy_term; or a resource type's own name, such as node--article.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuerySet)]
        [Parameter(Position = 0, ParameterSetName = InputObjectSet)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        /// <summary>The bundle, such as article; the entity type itself when left out.</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        /// <summary>The file to write: .csv, .xlsx or .json; without it, the rows go to the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Entities from Get-DrupalEntity, exported in the order they come.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public IDictionary? Filter { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public string[]? Sort { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [Alias("Fields")]
        public object[]? Property { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public string? Language { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateRange(1, 10000)]
        public int? PageSize { get; set; }

        /// <summary>Relationships as the related items' labels (the default) or their ids.</summary>
        [Parameter]
        public ReferenceBy ReferenceBy { get; set; } = ReferenceBy.Label;

        /// <summary>What joins the values of a multi-value field in one cell; by default what an import splits them by ("; ").</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Delimiter { get; set; }

        /// <summary>Also the read-only and computed values (drupal_internal__*, revision_*, changed, body.processed...).</summary>
        [Parameter]
        public SwitchParameter IncludeReadOnly { get; set; }

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == QuerySet)
            {
                ExportQuery();
                return;
            }

            if (_declined)
            {
                return;
            }

            if (!PipedEntity.TryIdentify(InputObject!, out var type, out _))
            {
                WriteError(new DrupalException(
                    "NotAnEntity",
                    DrupalErrorCategory.InvalidArgument,
                    "The object from the pipeline has no 'type' and 'id': pipe entities from Get-DrupalEntity, or pass -EntityType and -Bundle to read them.",
                    InputObject));
                return;
            }

            if (_export == null && !Start(EntityType ?? type, EntityType == null ? null : Bundle))
            {
                return;
            }

            if (!string.Equals(type, _export!.TypeName, System.StringComparison.Ordinal))
            {
                WriteError(new DrupalException(
                    "NotAnEntity",
                    DrupalErrorCategory.InvalidArgument,
                    $"The object from the pipeline is a {type}, not a {_export.TypeName}: one export holds one resource type. Export each type on its own.",
                    InputObject));
                return;
            }

            _batch.Add(InputObject);
            if (_batch.Count == BatchSize)
            {
                WriteBatch();
            }
        }

        protected override void Finish()
        {
            if (ParameterSetName != InputObjectSet || _export == null)
            {
                return;
            }

            WriteBatch();
            WriteProgress(BatchProgress(ProgressRecordType.Completed));
            Complete();
        }

        protected override void Release() => _writer?.Dispose();

        private void ExportQuery()
        {
            var query = new EntityQuery(EntityType, Bundle, Filter, Sort, null, Property, Language, PageSize);
            if (!Start(EntityType!, Bundle))
            {
                return;
            }

            var scope = ReadScope(all: true);
            var pager = ResolveConnection().PageEntities(query, scope, raw: false, CallOptions);
            ForEachPage(pager, scope, "rows", page => Write(page.Items));
            Complete();
        }

        /// <summary>Asks to write the file, learns the columns and opens the file; false when -WhatIf or -Confirm said no.</summary>
        private bool Start(string entityType, string? bundle)
        {
            var typeName = bundle == null ? entityType : $"{entityType}--{bundle}";
            if (Path != null)
            {
                _path = GetUnresolvedProviderPathFromPSPath(Path);
                if (!ShouldProcess(_path, $"Export {typeName}"))
                {
                    _declined = true;
                    return false;
                }
            }

            var session = ResolveConnection().OpenSheets(CallOptions);
            _export = Await((log, cancellation) => session.StartExportAsync(entityType, bundle, IncludeReadOnly, ReferenceBy, Delimiter, log, cancellation));
            WriteVerbose($"{_export.TypeName}: {_export.Headers.Count} columns: {string.Join(", ", _export.Headers)}.");
            if (_path != null)
            {
                _writer = SheetWriter.Create(_path, _export.Headers);
            }

            return true;
        }

        private void WriteBatch()
        {
            if (_batch.Count == 0)
            {
                return;
            }

            Write(_batch.ToArray());
            _batch.Clear();
            WriteProgress(BatchProgress(ProgressRecordType.Processing));
        }

        // A record of its own each time: a host may keep the records it was given.
        private ProgressRecord BatchProgress(ProgressRecordType type) =>
            new ProgressRecord(ProgressActivityId, $"Exporting {_export!.TypeName}", $"{_rows} rows") { RecordType = type };

        private void Write(IReadOnlyList<object?> entities)
        {
            var rows = Await((log, cancellation) => _export!.RowsAsync(entities, log, cancellation));
            foreach (var row in rows)
            {
                if (_writer != null)
                {
                    _writer.Write(row);
                }
                else
                {
                    WriteObject(_export!.ToPSObject(row));
                }
            }

            _rows += rows.Count;
        }

        private void Complete()
        {
            if (_writer == null)
            {
                return;
            }

            _writer.Complete();
            _writer.Dispose();
            _writer = null;
            WriteVerbose($"{_rows} rows written to {_path}.");
            // Through the provider, as Get-Item writes it: with PSPath and PSParentPath, which its views and Copy-Item use.
            WriteObject(InvokeProvider.Item.Get(new[] { _path! }, false, true), enumerateCollection: true);
        }

        private DrupalConnection ResolveConnection() => RunspaceConnections.Current.Resolve(Connection);
    }
}
