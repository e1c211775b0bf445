using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Content
{
    /// <summary>Writes what a walk reads into a folder, page by page: each entity's YAML, and a file entity's bytes beside it.</summary>
    public sealed class ContentExporter
    {
        public ContentExporter(ContentSession session, ContentWalker walker, ContentFolder folder) => throw new NotImplementedException();

        /// <summary>The results of the next batch (Exported, or Failed with why); null at the end.</summary>
        public Task<IReadOnlyList<ContentResult>?> NextAsync(IDrupalLog log, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
