using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Content
{
    /// <summary>Writes what a walk reads into a folder, page by page: each entity's YAML, and a file entity's bytes beside it.</summary>
    public sealed class ContentExporter
    {
        private const string FileType = "file";

        /// <summary>Downloads at once when the call set no limit of its own.</summary>
        private const int DefaultDownloads = 4;

        private readonly ContentWalker _walker;
        private readonly ContentFolder _folder;
        private readonly ContentFiles _files;
        private readonly AdaptiveLimit _limit;
        private int _failuresTold;
        private bool _done;

        public ContentExporter(ContentSession session, ContentWalker walker, ContentFolder folder)
        {
            if (session == null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            _walker = walker ?? throw new ArgumentNullException(nameof(walker));
            _folder = folder ?? throw new ArgumentNullException(nameof(folder));
            _files = new ContentFiles(session);
            _limit = session.Options.Limit ?? new AdaptiveLimit(DefaultDownloads);
        }

        /// <summary>Entities written so far.</summary>
        public int Exported { get; private set; }

        /// <summary>File entities whose bytes were written so far.</summary>
        public int Downloads { get; private set; }

        /// <summary>The results of the next batch (Exported, or Failed with why); null at the end.</summary>
        public async Task<IReadOnlyList<ContentResult>?> NextAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_done)
            {
                return null;
            }

            var batch = await _walker.NextAsync(log, cancellationToken).ConfigureAwait(false);
            var results = new List<ContentResult>();
            if (batch != null)
            {
                var written = await Task.WhenAll(batch.Select(entity => WriteAsync(entity, cancellationToken))).ConfigureAwait(false);
                foreach (var (result, lines) in written)
                {
                    lines.WriteTo(log);
                    results.Add(result);
                }
            }
            else
            {
                _done = true;
            }

            // A dependency that could not be read is told with the batch that found it so.
            var failures = _walker.Failures;
            results.AddRange(failures.Skip(_failuresTold));
            _failuresTold = failures.Count;
            return results.Count == 0 && _done ? null : results;
        }

        /// <summary>A file entity's bytes first, then its YAML, so that a failed download leaves no YAML without its bytes.</summary>
        private async Task<(ContentResult, BufferedLog)> WriteAsync(ContentEntity entity, CancellationToken cancellationToken)
        {
            var log = new BufferedLog();
            try
            {
                if (entity.EntityType == FileType)
                {
                    using (await _limit.EnterAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await _files.DownloadAsync(entity, _folder.BytesPath(entity), log, cancellationToken).ConfigureAwait(false);
                    }

                    lock (_files)
                    {
                        Downloads++;
                    }
                }

                var path = _folder.Write(entity);
                lock (_files)
                {
                    Exported++;
                }

                return (new ContentResult(entity.EntityType, entity.Bundle, entity.Uuid, entity.Label, ContentAction.Exported, null, null, null, path), log);
            }
            catch (DrupalException e) when (!cancellationToken.IsCancellationRequested)
            {
                return (new ContentResult(entity.EntityType, entity.Bundle, entity.Uuid, entity.Label, ContentAction.Failed, null, null, e.Message, null), log);
            }
        }
    }
}
