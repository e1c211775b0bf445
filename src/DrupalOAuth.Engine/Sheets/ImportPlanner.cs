using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The pre-flight of one import, in order: the columns mapped to fields, every row converted, matched to the
    /// entity it names (by id, by -Key, or by the UUID its label derives), its references resolved, and compared with
    /// that entity. Lookups are gathered over all rows first and made in batches, never a request per row.
    /// </summary>
    internal sealed class ImportPlanner
    {
        private const int RowsNamed = 10;

        private readonly SiteLookup _lookup;
        private readonly Uri _site;
        private readonly string _typeName;
        private readonly BundleFields _fields;
        private readonly ImportOptions _options;
        private readonly IDrupalLog _log;

        /// <summary>No entity of the type to learn its fields from: every header goes, as text.</summary>
        private readonly bool _unlearned;
        private readonly List<string> _warnings = new List<string>();
        private readonly Dictionary<string, PlannedReference> _creations = new Dictionary<string, PlannedReference>(StringComparer.OrdinalIgnoreCase);
        private IReadOnlyDictionary<string, SheetColumn> _columns = new Dictionary<string, SheetColumn>();
        private Dictionary<string, int> _order = new Dictionary<string, int>(StringComparer.Ordinal);

        public ImportPlanner(SiteLookup lookup, Uri site, BundleFields fields, ImportOptions options, IDrupalLog log)
        {
            _lookup = lookup;
            _site = site;
            _typeName = fields.TypeName;
            _unlearned = fields.Fields.Count == 0;
            _fields = WithReferenceTypes(fields, options.ReferenceTypes);
            _options = options;
            _log = log;
        }

        private string LabelName => _fields.LabelField;

        private string? KeyName => string.IsNullOrWhiteSpace(_options.Key) || string.Equals(_options.Key, SheetColumn.IdHeader, StringComparison.Ordinal) ? null : _options.Key!.Trim();

        /// <param name="requestsBefore">The lookup's count when the import began, so that the plan counts learning the fields too.</param>
        public async Task<ImportPlan> PlanAsync(IReadOnlyList<SheetRow> rows, int requestsBefore, CancellationToken cancellationToken)
        {
            var headers = rows.SelectMany(r => r.Cells.Select(c => c.Key)).Distinct(StringComparer.Ordinal).ToList();
            _columns = MapColumns(_fields, headers, _unlearned, _warnings);
            _order = FieldOrder(headers, _columns);
            CheckKey(_fields, KeyName, _unlearned, headers);

            var work = rows.Select(ConvertRow).ToList();
            await MatchAsync(work, cancellationToken).ConfigureAwait(false);
            await ResolveReferencesAsync(work, cancellationToken).ConfigureAwait(false);
            var planned = work.Select(Compare).ToList();

            var invalid = planned.Where(p => p.Action == ImportAction.Failed).Select(p => p.Number).ToList();
            string? stopReason = null;
            if (invalid.Count > 0 && !_options.SkipInvalidRows)
            {
                stopReason = $"{invalid.Count} of {rows.Count} rows are invalid ({RowList(invalid)})";
                planned = planned.Select(p => p.Action == ImportAction.Failed || p.Action == ImportAction.Skipped ? p : p.Skipped("not written: " + stopReason)).ToList();
            }

            return new ImportPlan(_typeName, planned, stopReason, _warnings, _lookup.Requests - requestsBefore);
        }

        /// <summary>The fields with -ReferenceType's target types; a key that names no relationship is refused with the nearest names.</summary>
        public static BundleFields WithReferenceTypes(BundleFields fields, IDictionary? referenceTypes)
        {
            if (referenceTypes == null)
            {
                return fields;
            }

            var unlearned = fields.Fields.Count == 0;

            foreach (DictionaryEntry entry in referenceTypes)
            {
                var field = (Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty).Trim();
                var targets = TypeNames(entry.Value);
                var shape = fields.Find(field);
                if (targets.Count == 0 || (!unlearned && (shape == null || shape.Kind != FieldKind.Reference)))
                {
                    var nearest = fields.Nearest(field);
                    var what = targets.Count == 0
                        ? $"-ReferenceType '{field}' names no resource type."
                        : $"-ReferenceType '{field}' is no relationship of {fields.TypeName}.{(nearest.Count == 0 ? string.Empty : $" Did you mean {Names(nearest)}?")}";
                    throw new DrupalException(
                        "InvalidReferenceType",
                        DrupalErrorCategory.InvalidArgument,
                        $"{what} Pass the relationship field and the resource type(s) it points at, such as @{{ field_tags = 'taxonomy_term--tags' }}.",
                        field);
                }

                fields = fields.WithTargets(field, targets);
            }

            return fields;
        }

        /// <summary>
        /// The columns of the headers: read-only ones and <c>type</c> are left out with a warning; headers that name
        /// nothing are refused all at once (UnknownColumn), unless the type has no entity to learn its fields from.
        /// </summary>
        public static IReadOnlyDictionary<string, SheetColumn> MapColumns(BundleFields fields, IReadOnlyList<string> headers, bool unlearned, List<string> warnings)
        {
            var columns = new Dictionary<string, SheetColumn>(StringComparer.Ordinal);
            var unknown = new List<string>();
            foreach (var header in headers)
            {
                var column = string.Equals(header.Trim(), "type", StringComparison.OrdinalIgnoreCase) ? null : fields.Column(header.Trim());
                if (string.Equals(header.Trim(), "type", StringComparison.OrdinalIgnoreCase) || column?.Field?.IsReadOnly == true || column?.Property?.IsReadOnly == true)
                {
                    warnings.Add($"column '{header}' is read-only: ignored");
                }
                else if (column != null)
                {
                    columns[header] = column;
                }
                else if (unlearned)
                {
                    columns[header] = Unlearned(fields, header.Trim());
                }
                else
                {
                    unknown.Add(header);
                }
            }

            if (unknown.Count == 1)
            {
                var nearest = fields.Nearest(unknown[0]);
                throw new DrupalException(
                    "UnknownColumn",
                    DrupalErrorCategory.InvalidArgument,
                    $"Column '{unknown[0]}' is no field of {fields.TypeName}.{(nearest.Count == 0 ? string.Empty : $" Did you mean {Names(nearest)}?")} Rename the column to the field's machine name, or remove it. Nothing was written.",
                    unknown[0]);
            }

            if (unknown.Count > 1)
            {
                var each = unknown.Select(h => fields.Nearest(h) is var nearest && nearest.Count > 0 ? $"'{h}' (did you mean {Names(nearest)}?)" : $"'{h}'");
                throw new DrupalException(
                    "UnknownColumn",
                    DrupalErrorCategory.InvalidArgument,
                    $"{unknown.Count} columns are no fields of {fields.TypeName}: {string.Join(", ", each)}. Rename each column to the field's machine name, or remove it. Nothing was written.",
                    unknown[0]);
            }

            return columns;
        }

        /// <summary>-Key must name a plain field of the type (any header goes while the type has no entity to learn from).</summary>
        public static void CheckKey(BundleFields fields, string? key, bool unlearned, IReadOnlyList<string> headers)
        {
            if (key == null)
            {
                return;
            }

            var shape = fields.Find(key);
            if (shape == null && unlearned && headers.Contains(key, StringComparer.Ordinal))
            {
                return;
            }

            if (shape == null || shape.Kind == FieldKind.Object || shape.Kind == FieldKind.Reference || shape.IsList)
            {
                var nearest = fields.Nearest(key);
                var what = shape == null
                    ? $"-Key '{key}' is no field of {fields.TypeName}.{(nearest.Count == 0 ? string.Empty : $" Did you mean {Names(nearest)}?")}"
                    : $"-Key '{key}' is {(shape.Kind == FieldKind.Reference ? "a relationship" : shape.Kind == FieldKind.Object ? "an object field" : "a multi-value field")}: it cannot identify a row.";
                throw new DrupalException(
                    "InvalidKey",
                    DrupalErrorCategory.InvalidArgument,
                    $"{what} Pass a field whose value identifies each row, such as field_external_id or {fields.LabelField}, or leave -Key out to match rows by their id column.",
                    key);
            }
        }

        private RowWork ConvertRow(SheetRow row)
        {
            var values = RowConverter.Convert(row, _columns, _options.Delimiter, _options.ClearEmpty);
            var work = new RowWork(row.Number, values) { Label = Text(values, LabelName) };
            if (values.IsBlank)
            {
                work.Blank = true;
            }
            else if (values.Errors.Count > 0)
            {
                work.Error = string.Join("; ", values.Errors);
            }

            return work;
        }

        private async Task MatchAsync(List<RowWork> rows, CancellationToken cancellationToken)
        {
            var key = KeyName;
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var ids = new List<string>();
            var keys = new List<string>();
            foreach (var row in rows.Where(r => r.IsValid))
            {
                string identity;
                if (row.Values.Id is string id)
                {
                    row.Id = id;
                    row.MustExist = true;
                    identity = "id\n" + id;
                    ids.Add(id);
                }
                else if (key != null)
                {
                    row.KeyValue = Text(row.Values, key);
                    if (row.KeyValue == null)
                    {
                        row.Error = $"the row needs an id or a value in '{key}' (-Key)";
                        continue;
                    }

                    row.Id = DerivedUuid.For(_site, _typeName, key, row.KeyValue);
                    identity = "key\n" + row.KeyValue;
                    keys.Add(row.KeyValue);
                }
                else if (row.Label != null)
                {
                    row.Id = DerivedUuid.For(_site, _typeName, LabelName, row.Label);
                    identity = "id\n" + row.Id;
                    ids.Add(row.Id);
                }
                else
                {
                    row.Error = $"the row needs an id, a '{LabelName}' or a key column (-Key)";
                    continue;
                }

                if (seen.TryGetValue(identity, out var first))
                {
                    row.Error = $"same {(identity.StartsWith("key", StringComparison.Ordinal) ? "key" : "id")} as row {first.ToString(CultureInfo.InvariantCulture)}";
                }
                else
                {
                    seen[identity] = row.Number;
                }
            }

            var byId = ids.Count == 0 ? null : await _lookup.FindAsync(_typeName, SheetColumn.IdHeader, ids, null, _log, cancellationToken).ConfigureAwait(false);
            var byKey = keys.Count == 0 ? null : await _lookup.FindAsync(_typeName, key!, keys, null, _log, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(r => r.IsValid))
            {
                var matches = row.KeyValue != null ? byKey![row.KeyValue] : byId![row.Id!];
                if (matches.Count > 1)
                {
                    row.Error = $"'{row.KeyValue}' in '{key}' matches {matches.Count} {_typeName}: {string.Join(", ", matches.Select(SiteLookup.Id))}";
                }
                else if (matches.Count == 1)
                {
                    row.Entity = matches[0];
                    row.Id = SiteLookup.Id(matches[0]);
                    row.Label ??= SiteLookup.Text(matches[0], LabelName);
                }
                else if (row.MustExist)
                {
                    row.Error = $"no {_typeName} has id {row.Id}";
                }
            }
        }

        private async Task ResolveReferencesAsync(List<RowWork> rows, CancellationToken cancellationToken)
        {
            var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.IsValid))
            {
                foreach (var reference in row.Values.References)
                {
                    var targets = Shape(reference.Key)?.TargetTypes ?? Array.Empty<string>();
                    if (targets.Count == 0 && reference.Value.Count > 0)
                    {
                        row.Error = Join(row.Error, $"column '{reference.Key}': the resource type it points at is unknown (no {_typeName} holds a value in it); pass -ReferenceType @{{ {reference.Key} = 'taxonomy_term--tags' }} with the type it points at");
                    }

                    foreach (var target in targets)
                    {
                        if (!wanted.TryGetValue(target, out var names))
                        {
                            wanted[target] = names = new HashSet<string>(StringComparer.Ordinal);
                        }

                        names.UnionWith(reference.Value);
                    }
                }
            }

            var byId = _options.ReferenceBy == ReferenceBy.Id;
            var found = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<PSObject>>>(StringComparer.Ordinal);
            foreach (var target in wanted)
            {
                found[target.Key] = byId
                    ? await _lookup.FindAsync(target.Key, SheetColumn.IdHeader, target.Value, SiteLookup.LabelFields(target.Key), _log, cancellationToken).ConfigureAwait(false)
                    : await _lookup.FindAsync(target.Key, LabelField.For(target.Key), target.Value, SiteLookup.LabelFields(target.Key), _log, cancellationToken).ConfigureAwait(false);
            }

            // Labels that match nothing may be the UUIDs of existing entities.
            var byUuid = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<PSObject>>>(StringComparer.Ordinal);
            if (!byId)
            {
                foreach (var target in wanted)
                {
                    var uuids = target.Value.Where(label => found[target.Key][label].Count == 0 && Guid.TryParse(label, out _)).ToList();
                    if (uuids.Count > 0)
                    {
                        byUuid[target.Key] = await _lookup.FindAsync(target.Key, SheetColumn.IdHeader, uuids, SiteLookup.LabelFields(target.Key), _log, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            foreach (var row in rows.Where(r => r.IsValid))
            {
                foreach (var reference in row.Values.References)
                {
                    var shape = Shape(reference.Key)!;
                    var identifiers = new List<Hashtable>();
                    foreach (var name in reference.Value)
                    {
                        var matches = shape.TargetTypes.SelectMany(t => found[t][name].Select(m => Identifier(t, m))).ToList();
                        if (matches.Count == 0 && !byId)
                        {
                            matches = shape.TargetTypes.Where(byUuid.ContainsKey).SelectMany(t => byUuid[t].TryGetValue(name, out var m) ? m.Select(e => Identifier(t, e)) : Enumerable.Empty<Hashtable>()).ToList();
                        }

                        if (matches.Count == 1)
                        {
                            identifiers.Add(matches[0]);
                        }
                        else if (matches.Count > 1)
                        {
                            row.Error = Join(row.Error, $"column '{reference.Key}': '{name}' matches {matches.Count} {string.Join(" or ", shape.TargetTypes)}: {string.Join(", ", matches.Select(m => (string)m["id"]!))}");
                        }
                        else if (byId)
                        {
                            row.Error = Join(row.Error, $"column '{reference.Key}': no {string.Join(" or ", shape.TargetTypes)} has id {name}");
                        }
                        else if (_options.CreateMissingReferences)
                        {
                            var creation = Creation(shape.TargetTypes[0], name);
                            row.Creations.Add(creation);
                            identifiers.Add(Identifier(creation.TypeName, creation.Id));
                        }
                        else
                        {
                            row.Error = Join(row.Error, $"column '{reference.Key}': no {string.Join(" or ", shape.TargetTypes)} is labelled '{name}' (pass -CreateMissingReferences to make it)");
                        }
                    }

                    row.References[reference.Key] = identifiers;
                }
            }
        }

        private PlannedRow Compare(RowWork row)
        {
            if (row.Blank)
            {
                return new PlannedRow(_typeName, row.Number, ImportAction.Skipped, null, null, null, "the row is empty");
            }

            if (!row.IsValid)
            {
                return new PlannedRow(_typeName, row.Number, ImportAction.Failed, row.Entity == null && !row.MustExist ? null : row.Id, row.Label, null, row.Error);
            }

            var attributes = new OrderedDictionary(StringComparer.Ordinal);
            var relationships = new OrderedDictionary(StringComparer.Ordinal);
            var changed = new List<string>();
            foreach (var attribute in row.Values.Attributes)
            {
                var shape = Shape(attribute.Key) ?? new FieldShape(attribute.Key, FieldKind.Unknown);
                if (row.Entity == null || !SheetValues.Same(attribute.Value, row.Entity.Properties[attribute.Key]?.Value, shape))
                {
                    attributes[attribute.Key] = attribute.Value;
                    changed.Add(attribute.Key);
                }
            }

            foreach (var reference in row.References)
            {
                if (row.Entity == null || !SheetValues.SameReferences(reference.Value.Select(i => (string)i["id"]!).ToList(), row.Entity.Properties[reference.Key]?.Value))
                {
                    var shape = Shape(reference.Key);
                    relationships[reference.Key] = shape != null && !shape.IsList ? (object?)reference.Value.FirstOrDefault() : reference.Value.ToArray();
                    changed.Add(reference.Key);
                }
            }

            var names = changed.OrderBy(n => _order.TryGetValue(n, out var at) ? at : int.MaxValue).ToArray();
            if (row.Entity != null && names.Length == 0)
            {
                return new PlannedRow(_typeName, row.Number, ImportAction.Unchanged, row.Id, row.Label, null, null);
            }

            return new PlannedRow(
                _typeName,
                row.Number,
                row.Entity == null ? ImportAction.WouldCreate : ImportAction.WouldUpdate,
                row.Id,
                row.Label,
                names,
                null,
                attributes,
                relationships,
                row.Creations.Distinct().ToList());
        }

        private PlannedReference Creation(string typeName, string label)
        {
            var key = typeName + "\n" + label;
            if (!_creations.TryGetValue(key, out var creation))
            {
                var labelField = LabelField.For(typeName);
                creation = new PlannedReference(typeName, labelField, label, DerivedUuid.For(_site, typeName, labelField, label));
                _creations[key] = creation;
                _warnings.Add($"{typeName} '{label}' matches nothing and will be created ({creation.Id}), as -CreateMissingReferences asks");
            }

            return creation;
        }

        private FieldShape? Shape(string name) =>
            _fields.Find(name) ?? _columns.Values.Select(c => c.Field).FirstOrDefault(f => f != null && string.Equals(f.Name, name, StringComparison.Ordinal));

        private static Hashtable Identifier(string typeName, PSObject entity) => Identifier(typeName, SiteLookup.Id(entity)!);

        private static Hashtable Identifier(string typeName, string id) => new Hashtable { ["type"] = typeName, ["id"] = id };

        /// <summary>A column of a type that has no entity to learn from: its cells go as text, dotted ones into an object.</summary>
        private static SheetColumn Unlearned(BundleFields fields, string header)
        {
            if (string.Equals(header, SheetColumn.IdHeader, StringComparison.Ordinal))
            {
                return new SheetColumn(header, null, null);
            }

            var dot = header.IndexOf('.');
            if (dot > 0)
            {
                var property = new FieldShape(header.Substring(dot + 1), FieldKind.Unknown);
                return new SheetColumn(header, new FieldShape(header.Substring(0, dot), FieldKind.Object, properties: new[] { property }), property);
            }

            return new SheetColumn(header, fields.Find(header) ?? new FieldShape(header, FieldKind.Unknown), null);
        }

        private static Dictionary<string, int> FieldOrder(IReadOnlyList<string> headers, IReadOnlyDictionary<string, SheetColumn> columns)
        {
            var order = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                if (columns.TryGetValue(headers[i], out var column) && column.Field is FieldShape field && !order.ContainsKey(field.Name))
                {
                    order[field.Name] = i;
                }
            }

            return order;
        }

        /// <summary>A converted value as text, for keys and labels; null when empty or an object.</summary>
        private static string? Text(RowValues values, string field) =>
            values.Attributes.TryGetValue(field, out var value) && value != null && !(value is IDictionary) && !(value is Array) && CellConverter.Text(value) is string text && text.Trim().Length > 0
                ? text
                : null;

        private static string Join(string? first, string next) => first == null ? next : first + "; " + next;

        private static string Names(IReadOnlyList<string> names) =>
            names.Count == 1 ? $"'{names[0]}'" : string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" or '{names[names.Count - 1]}'";

        private static string RowList(IReadOnlyList<int> rows) =>
            (rows.Count == 1 ? "row " : "rows ") + string.Join(", ", rows.Take(RowsNamed).Select(r => r.ToString(CultureInfo.InvariantCulture)))
            + (rows.Count > RowsNamed ? $" and {rows.Count - RowsNamed} more" : string.Empty);

        private static IReadOnlyList<string> TypeNames(object? value)
        {
            var unwrapped = PowerShellValue.Unwrap(value);
            var items = unwrapped is string one ? new object?[] { one } : unwrapped is IEnumerable many ? many.Cast<object?>() : new[] { unwrapped };
            return items.Select(i => Convert.ToString(PowerShellValue.Unwrap(i), CultureInfo.InvariantCulture) ?? string.Empty)
                .SelectMany(t => t.Split(','))
                .Select(t => t.Trim())
                .Where(t => t.Length > 0)
                .ToList();
        }

        /// <summary>One row on its way through the pre-flight.</summary>
        private sealed class RowWork
        {
            public RowWork(int number, RowValues values)
            {
                Number = number;
                Values = values;
            }

            public int Number { get; }

            public RowValues Values { get; }

            public bool Blank { get; set; }

            public string? Error { get; set; }

            public bool IsValid => !Blank && Error == null;

            public string? Id { get; set; }

            /// <summary>The id came from the row's id column: no entity with it fails the row, rather than making one.</summary>
            public bool MustExist { get; set; }

            public string? KeyValue { get; set; }

            public string? Label { get; set; }

            public PSObject? Entity { get; set; }

            public Dictionary<string, List<Hashtable>> References { get; } = new Dictionary<string, List<Hashtable>>(StringComparer.Ordinal);

            public List<PlannedReference> Creations { get; } = new List<PlannedReference>();
        }
    }
}
