using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.JsonApi;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Reads a selection of a site as content entities, page by page: the selected entities (a query, or the ids piped
    /// in), their translations, and (unless told not to) everything they reference, recursively, each once, read in
    /// batches by UUID (IN filters of up to 50). Memory holds the UUIDs seen, not the entities.
    /// </summary>
    public sealed class ContentWalker
    {
        /// <param name="seeds">Resource type name (<c>node--article</c>) and UUID of entities piped in; used when <paramref name="selection"/> is null.</param>
        public ContentWalker(ContentSession session, EntityQuery? selection, IReadOnlyList<KeyValuePair<string, string>>? seeds, ContentWalkOptions options) => throw new NotImplementedException();

        /// <summary>The next batch (a page of the selection, or of dependencies found so far); null at the end.</summary>
        public Task<IReadOnlyList<ContentEntity>?> NextAsync(IDrupalLog log, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>Entities that could not be read (a dependency the consumer may not see), as Failed results.</summary>
        public IReadOnlyList<ContentResult> Failures => throw new NotImplementedException();

        /// <summary>HTTP requests made so far.</summary>
        public int Requests => throw new NotImplementedException();
    }
}
