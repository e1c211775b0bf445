using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Sheets in and out for one cmdlet call on one connection: the fields it learns and the lookups it makes (labels,
    /// keys, references, in IN filters of up to 50) are cached for the call, and every request goes through the
    /// connection's one HTTP pipeline.
    /// </summary>
    public sealed class SheetSession
    {
        /// <summary>Learns the type's fields and makes the export's columns.</summary>
        public Task<SheetExport> StartExportAsync(string entityType, string? bundle, bool includeReadOnly, ReferenceBy referenceBy, string delimiter, IDrupalLog log, CancellationToken cancellationToken) => throw new System.NotImplementedException();

        /// <summary>The pre-flight: every row converted, resolved and compared; nothing is written.</summary>
        public Task<ImportPlan> PlanImportAsync(string entityType, string? bundle, IReadOnlyList<SheetRow> rows, ImportOptions options, IDrupalLog log, CancellationToken cancellationToken) => throw new System.NotImplementedException();

        /// <summary>Writes one planned row (creating its missing references first, with -CreateMissingReferences); a failure is a DrupalException.</summary>
        public Task<ImportResult> ApplyAsync(ImportPlan plan, PlannedRow row, IDrupalLog log, CancellationToken cancellationToken) => throw new System.NotImplementedException();

        /// <summary>
        /// The attributes of a piped row (New-DrupalEntity, Set-DrupalEntity) converted to the JSON types their fields
        /// take, as an import converts them; properties that name no attribute go as they are.
        /// </summary>
        public Task<IDictionary> ConvertAttributesAsync(string entityType, string? bundle, IDictionary row, IDrupalLog log, CancellationToken cancellationToken) => throw new System.NotImplementedException();
    }
}
