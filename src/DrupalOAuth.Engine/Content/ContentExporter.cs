using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Content
{
    /// <summary>Writes what a walk reads into a folder, page by page: each entity's YAML, and a file entity's bytes beside it.</summary>
    public sealed class ContentExporter
    {
        private readonly ContentWalker _walker;
        private readonly ContentFolder _folder;
        private readonly ContentFiles _files;
        private Task<(IReadOnlyList<ContentEntity>?, BufferedLog)>? _next;
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

            var fetch = _next ?? ReadAsync(cancellationToken);
            _next = null;
            var (batch, read) = await fetch.ConfigureAwait(false);
            read.WriteTo(log);
            var results = new List<ContentResult>();
            if (batch != null)
            {
                // The next batch is read while this one is written: the site and the disk work at once. The files'
                // bytes come in at once (up to the limit); the YAML is written one file after the other on one
                // worker, since a thread per small synchronous write starves the pool that the reads run on.
                _next = ReadAsync(cancellationToken);
                var downloads = batch.Where(e => e.IsFile).ToDictionary(e => e, e => DownloadAsync(e, cancellationToken));
                var written = await Task.Run(
                    async () =>
                    {
                        var done = new List<(ContentResult, BufferedLog)>(batch.Count);
                        foreach (var entity in batch)
                        {
                            done.Add(await WriteAsync(entity, downloads.TryGetValue(entity, out var download) ? download : null, cancellationToken).ConfigureAwait(false));
                        }

                        return done;
                    },
                    cancellationToken).ConfigureAwait(false);
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

        private Task<(IReadOnlyList<ContentEntity>?, BufferedLog)> ReadAsync(CancellationToken cancellationToken) =>
            Task.Run(
                async () =>
                {
                    var log = new BufferedLog();
                    return (await _walker.NextAsync(log, cancellationToken).ConfigureAwait(false), log);
                },
                cancellationToken);

        private async Task<BufferedLog> DownloadAsync(ContentEntity file, CancellationToken cancellationToken)
        {
            var log = new BufferedLog();
            using (await _files.Limit.EnterAsync(cancellationToken).ConfigureAwait(false))
            {
                await _files.DownloadAsync(file, _folder.BytesPath(file), log, cancellationToken).ConfigureAwait(false);
            }

            lock (_files)
            {
                Downloads++;
            }

            return log;
        }

        /// <summary>A file entity's YAML only once its bytes are in, so that a failed download leaves no YAML without its bytes.</summary>
        private async Task<(ContentResult, BufferedLog)> WriteAsync(ContentEntity entity, Task<BufferedLog>? download, CancellationToken cancellationToken)
        {
            var log = new BufferedLog();
            try
            {
                if (download != null)
                {
                    log = await download.ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                var path = _folder.Write(entity);
                lock (_files)
                {
                    Exported++;
                }

                return (ContentResults.Of(entity, ContentAction.Exported, path: path), log);
            }
            catch (DrupalException e) when (!cancellationToken.IsCancellationRequested)
            {
                return (ContentResults.Of(entity, ContentAction.Failed, error: e.Message), log);
            }
        }
    }
}
