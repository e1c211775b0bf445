using System;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Writes a content folder into a site over JSON:API: creates in dependency order keeping UUIDs (files uploaded
    /// through a field that references them), updates only the fields that differ, maps missing users to a default,
    /// and reports each value the consumer may not set rather than failing the entity.
    /// </summary>
    public sealed class ContentImporter
    {
        public ContentImporter(ContentSession session, ContentImportOptions options) => throw new NotImplementedException();

        /// <summary>The pre-flight: nothing is written.</summary>
        public Task<ContentImportPlan> PlanAsync(ContentFolderContents folder, IDrupalLog log, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>
        /// Writes one planned entity once those it depends on are written (safe to call for several at once); never
        /// throws for the entity's own failure: that is its result's Error.
        /// </summary>
        public Task<ContentResult> ApplyAsync(ContentImportPlan plan, PlannedContent item, IDrupalLog log, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
