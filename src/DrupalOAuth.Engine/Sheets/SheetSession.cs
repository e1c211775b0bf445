using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Json;
using DrupalOAuth.JsonApi;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Sheets in and out for one cmdlet call on one connection: the fields it learns and the lookups it makes (labels,
    /// keys, references, in IN filters of up to 50) are cached for the call, and every request goes through the
    /// connection's one HTTP pipeline.
    /// </summary>
    public sealed class SheetSession
    {
        private const string ColumnPrefix = "column '";

        private readonly JsonApiClient _client;
        private readonly EntityWriter _writer;
        private readonly CallOptions _options;
        private readonly SiteLookup _lookup;
        private readonly Dictionary<string, BundleFields> _fields = new Dictionary<string, BundleFields>(StringComparer.Ordinal);
        private readonly SemaphoreSlim _fieldsGate = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<string, BundleFields> _rowFields;

        /// <param name="rowFields">
        /// The fields learned for piped rows, kept by the connection: a script that calls New- or Set-DrupalEntity once
        /// per item must not read a page of the bundle each time. An export or import learns afresh (its own data may
        /// have filled fields since).
        /// </param>
        internal SheetSession(JsonApiClient client, EntityWriter writer, CallOptions options, ConcurrentDictionary<string, BundleFields> rowFields)
        {
            _client = client;
            _writer = writer;
            _options = options;
            _rowFields = rowFields;
            _lookup = new SiteLookup(client, options);
        }

        /// <summary>The session's one resolver; its cache and request count span every call of the session.</summary>
        internal SiteLookup Lookup => _lookup;

        /// <summary>Learns the type's fields and makes the export's columns; a null or empty <paramref name="delimiter"/> is the one an import splits by ("; ").</summary>
        public async Task<SheetExport> StartExportAsync(string entityType, string? bundle, bool includeReadOnly, ReferenceBy referenceBy, string? delimiter, IDrupalLog log, CancellationToken cancellationToken)
        {
            var fields = await FieldsAsync(entityType, bundle, log, cancellationToken).ConfigureAwait(false);
            return new SheetExport(fields.TypeName, fields.Columns(includeReadOnly), _lookup, referenceBy, string.IsNullOrEmpty(delimiter) ? CellList.DefaultDelimiter : delimiter!);
        }

        /// <summary>The pre-flight: every row converted, resolved and compared; nothing is written.</summary>
        public async Task<ImportPlan> PlanImportAsync(string entityType, string? bundle, IReadOnlyList<SheetRow> rows, ImportOptions options, IDrupalLog log, CancellationToken cancellationToken)
        {
            var before = _lookup.Requests;
            var fields = await FieldsAsync(entityType, bundle, log, cancellationToken).ConfigureAwait(false);
            var plan = await new ImportPlanner(_lookup, _client.SiteUri, fields, options, log).PlanAsync(rows, before, cancellationToken).ConfigureAwait(false);
            var counts = plan.Rows.GroupBy(r => r.Action).Select(g => $"{g.Count()} {g.Key}");
            log.Verbose($"Pre-flight of {rows.Count} rows of {plan.TypeName}: {string.Join(", ", counts)}; {plan.LookupRequests} read requests.{(plan.Stopped ? " Invalid rows stop the import: nothing will be written." : string.Empty)}");
            return plan;
        }

        /// <summary>Writes one planned row (creating its missing references first, with -CreateMissingReferences); a failure is a DrupalException.</summary>
        public async Task<ImportResult> ApplyAsync(ImportPlan plan, PlannedRow row, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (plan.Stopped || !row.Writes)
            {
                return row.AsResult();
            }

            foreach (var creation in row.Creations.Where(c => !c.Made))
            {
                log.Verbose($"Row {row.Number.ToString(CultureInfo.InvariantCulture)}: creating {creation.TypeName} '{creation.Label}' ({creation.Id}).");
                await _writer.CreateAsync(creation.TypeName, null, new Hashtable { [creation.LabelField] = creation.Label }, null, true, _options, log, cancellationToken, creation.Id).ConfigureAwait(false);
                creation.MarkMade();
            }

            if (row.Action == ImportAction.WouldCreate)
            {
                await _writer.CreateAsync(plan.TypeName, null, row.Attributes, row.Relationships, true, _options, log, cancellationToken, row.Id).ConfigureAwait(false);
                return new ImportResult(row.Number, ImportAction.Created, row.Id, row.Label, row.Changed, null);
            }

            await _writer.UpdateAsync(plan.TypeName, null, row.Id!, row.Attributes, row.Relationships, _options, log, cancellationToken).ConfigureAwait(false);
            return new ImportResult(row.Number, ImportAction.Updated, row.Id, row.Label, row.Changed, null);
        }

        /// <summary>
        /// The attributes of a piped row (New-DrupalEntity, Set-DrupalEntity) converted to the JSON types their fields
        /// take, as an import converts them; properties that name no attribute go as they are.
        /// </summary>
        public async Task<IDictionary> ConvertAttributesAsync(string entityType, string? bundle, IDictionary row, IDrupalLog log, CancellationToken cancellationToken)
        {
            // Typed values (a hashtable written in a script) need no conversion, and a single call no extra request.
            if (!row.Values.Cast<object?>().Any(v => PowerShellValue.Unwrap(v) is string))
            {
                return row;
            }

            var type = await _client.ResolveAsync(entityType, bundle, _options, log, cancellationToken).ConfigureAwait(false);
            if (!_rowFields.TryGetValue(type.Key, out var fields))
            {
                fields = await FieldsAsync(entityType, bundle, log, cancellationToken).ConfigureAwait(false);
                _rowFields[type.Key] = fields;
            }

            var cells = new List<KeyValuePair<string, object?>>();
            var columns = new Dictionary<string, SheetColumn>(StringComparer.Ordinal);
            var asGiven = new OrderedDictionary(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in row)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var value = PowerShellValue.Unwrap(entry.Value);
                if (IsCell(value) && fields.Column(name) is SheetColumn column && !column.IsId && column.Field!.Kind != FieldKind.Reference
                    && !column.Field.IsReadOnly && column.Property?.IsReadOnly != true)
                {
                    cells.Add(new KeyValuePair<string, object?>(name, value));
                    columns[name] = column;
                }
                else
                {
                    asGiven[entry.Key] = entry.Value;
                }
            }

            var values = RowConverter.Convert(new SheetRow(1, cells), columns, CellList.DefaultDelimiter, clearEmpty: false);
            if (values.Errors.Count > 0)
            {
                var errors = values.Errors.Select(e => e.StartsWith(ColumnPrefix, StringComparison.Ordinal) ? "property '" + e.Substring(ColumnPrefix.Length) : e);
                throw new DrupalException(
                    "InvalidCell",
                    DrupalErrorCategory.InvalidData,
                    $"{string.Join("; ", errors)}. Nothing was sent for this {fields.TypeName}.",
                    values.Errors[0]);
            }

            var converted = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var attribute in values.Attributes)
            {
                converted[attribute.Key] = attribute.Value;
            }

            foreach (DictionaryEntry entry in asGiven)
            {
                converted[entry.Key] = entry.Value;
            }

            return converted;
        }

        private async Task<BundleFields> FieldsAsync(string entityType, string? bundle, IDrupalLog log, CancellationToken cancellationToken)
        {
            var type = await _client.ResolveAsync(entityType, bundle, _options, log, cancellationToken).ConfigureAwait(false);
            await _fieldsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_fields.TryGetValue(type.Key, out var fields))
                {
                    fields = await BundleFieldsReader.ReadAsync(_client, type, _lookup, _options, log, cancellationToken).ConfigureAwait(false);
                    _fields[type.Key] = fields;
                }

                return fields;
            }
            finally
            {
                _fieldsGate.Release();
            }
        }

        /// <summary>A value a sheet cell could hold; objects and lists (a hashtable for body) go as they are.</summary>
        private static bool IsCell(object? value) =>
            value is string || value is bool || value is DateTime || value is DateTimeOffset || (value != null && value.GetType().IsPrimitive) || value is decimal;
    }
}
