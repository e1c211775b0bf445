using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// An export under way: its columns, learned from the site, and the rows of each batch of entities (a page, or
    /// entities piped in), their relationships' labels looked up in one filtered request per related type and batch.
    /// </summary>
    public sealed class SheetExport
    {
        /// <summary>The resource type exported (node--article).</summary>
        public string TypeName => throw new System.NotImplementedException();

        public IReadOnlyList<string> Headers => throw new System.NotImplementedException();

        /// <summary>The rows of <paramref name="entities"/> (flat objects of <see cref="TypeName"/>, as Get-DrupalEntity writes them), a cell per header.</summary>
        public Task<IReadOnlyList<object?[]>> RowsAsync(IReadOnlyList<object?> entities, IDrupalLog log, CancellationToken cancellationToken) => throw new System.NotImplementedException();

        /// <summary>A row as an object for the pipeline (typed DrupalOAuth.SheetRow): a property per header, dates as ISO 8601 text.</summary>
        public PSObject ToPSObject(object?[] row) => throw new System.NotImplementedException();
    }
}
