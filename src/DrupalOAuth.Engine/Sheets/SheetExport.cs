using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// An export under way: its columns, learned from the site, and the rows of each batch of entities (a page, or
    /// entities piped in), their relationships' labels looked up in one filtered request per related type and batch.
    /// </summary>
    public sealed class SheetExport
    {
        public const string RowTypeName = "DrupalOAuth.SheetRow";

        private readonly IReadOnlyList<SheetColumn> _columns;
        private readonly SiteLookup _lookup;
        private readonly ReferenceBy _referenceBy;
        private readonly string _delimiter;
        private readonly Dictionary<string, string> _labels = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _unlabelled = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _warnings = new List<string>();

        internal SheetExport(string typeName, IReadOnlyList<SheetColumn> columns, SiteLookup lookup, ReferenceBy referenceBy, string delimiter)
        {
            TypeName = typeName;
            _columns = columns;
            _lookup = lookup;
            _referenceBy = referenceBy;
            _delimiter = delimiter;
            Headers = columns.Select(c => c.Header).ToList();
        }

        /// <summary>The resource type exported (node--article).</summary>
        public string TypeName { get; }

        public IReadOnlyList<string> Headers { get; }

        /// <summary>The read requests made so far (the fields, and the labels of related entities), for -Verbose and the closing report.</summary>
        public int LookupRequests => _lookup.Requests;

        /// <summary>The rows of <paramref name="entities"/> (flat objects of <see cref="TypeName"/>, as Get-DrupalEntity writes them), a cell per header.</summary>
        public async Task<IReadOnlyList<object?[]>> RowsAsync(IReadOnlyList<object?> entities, IDrupalLog log, CancellationToken cancellationToken)
        {
            var batch = entities.Select(PowerShellValue.Unwrap).Where(e => e != null).Select(PSObject.AsPSObject).ToList();
            if (_referenceBy == ReferenceBy.Id)
            {
                return batch.Select(e => RowFlattener.Flatten(e, _columns, null, _delimiter)).ToList();
            }

            await LabelAsync(batch, log, cancellationToken).ConfigureAwait(false);
            return batch.Select(e => RowFlattener.Flatten(e, _columns, id => _labels.TryGetValue(id, out var label) ? label : null, _delimiter)).ToList();
        }

        /// <summary>A row as an object for the pipeline (typed DrupalOAuth.SheetRow): a property per header, dates as ISO 8601 text.</summary>
        public PSObject ToPSObject(object?[] row)
        {
            var result = new PSObject();
            result.TypeNames.Insert(0, RowTypeName);
            for (var i = 0; i < Headers.Count; i++)
            {
                result.Properties.Add(new PSNoteProperty(Headers[i], Plain(i < row.Length ? row[i] : null)));
            }

            return result;
        }

        /// <summary>What to tell since the last call (related items whose labels could not be read), each once.</summary>
        public IReadOnlyList<string> TakeWarnings()
        {
            var taken = _warnings.ToList();
            _warnings.Clear();
            return taken;
        }

        /// <summary>The labels of the batch's related ids not known yet: per field, each of its target types in turn, until found.</summary>
        private async Task LabelAsync(IReadOnlyList<PSObject> batch, IDrupalLog log, CancellationToken cancellationToken)
        {
            var related = batch.SelectMany(e => RowFlattener.RelatedIds(e, _columns))
                .Where(r => !_labels.ContainsKey(r.Value) && !_unlabelled.Contains(r.Value))
                .GroupBy(r => r.Key.Name, StringComparer.Ordinal);
            foreach (var field in related)
            {
                var ids = field.Select(r => r.Value).Distinct(StringComparer.Ordinal).ToList();
                foreach (var target in field.First().Key.TargetTypes)
                {
                    var missing = ids.Where(id => !_labels.ContainsKey(id)).ToList();
                    if (missing.Count == 0)
                    {
                        break;
                    }

                    var found = await _lookup.FindAsync(target, SheetColumn.IdHeader, missing, SiteLookup.LabelFields(target), log, cancellationToken).ConfigureAwait(false);
                    foreach (var match in found.Where(f => f.Value.Count > 0))
                    {
                        if (Label(target, match.Value[0]) is string label)
                        {
                            _labels[match.Key] = label;
                        }
                    }
                }

                var unlabelled = ids.Where(id => !_labels.ContainsKey(id)).ToList();
                if (unlabelled.Count > 0)
                {
                    _unlabelled.UnionWith(unlabelled);
                    var warning = $"'{field.Key}': {unlabelled.Count} related items could not be read (such as {unlabelled[0]}; deleted, or the consumer's user may not see them): written as their ids.";
                    _warnings.Add(warning);
                    log.Verbose(warning);
                }
            }
        }

        /// <summary>A user's name, or the display name a consumer without "access user profiles" sees instead.</summary>
        private static string? Label(string typeName, PSObject entity) =>
            SiteLookup.Text(entity, LabelField.For(typeName)) ?? (string.Equals(typeName, SiteLookup.UserType, StringComparison.Ordinal) ? SiteLookup.Text(entity, LabelField.DisplayName) : null);

        /// <summary>Dates as ISO 8601 text, so that Export-Csv writes what an import reads back in any culture.</summary>
        private static object? Plain(object? cell) =>
            cell switch
            {
                DateTimeOffset date => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                DateTime date => date.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                _ => cell,
            };
    }
}
