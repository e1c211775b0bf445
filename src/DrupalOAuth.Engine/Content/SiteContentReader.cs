using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// A site's side of a comparison: what a walk reads, batch by batch, each file entity with the hash of its bytes
    /// (read, hashed and dropped), so that files compare by what they hold rather than where the site keeps them.
    /// </summary>
    public sealed class SiteContentReader
    {
        private readonly ContentWalker _walker;
        private readonly ContentFiles _files;
        private readonly List<ContentResult> _failures = new List<ContentResult>();
        private int _hashed;

        public SiteContentReader(ContentSession session, ContentWalker walker)
        {
            if (session == null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            _walker = walker ?? throw new ArgumentNullException(nameof(walker));
            _files = new ContentFiles(session);
        }

        /// <summary>HTTP requests made so far: the walk's, and one a file's bytes.</summary>
        public int Requests => _walker.Requests + Volatile.Read(ref _hashed);

        /// <summary>What could not be read: entities the walk could not see, and files whose bytes could not be hashed (they stay, without FileHash).</summary>
        public IReadOnlyList<ContentResult> Failures
        {
            get
            {
                lock (_failures)
                {
                    return _walker.Failures.Concat(_failures).ToList();
                }
            }
        }

        /// <summary>
        /// The failures worth a warning when a folder is compared with the site: a folder's entity the site does not
        /// have is a difference (&lt;=), or a file the site holds under a UUID of its own (matched by its bytes), so
        /// those are only counted, in <paramref name="notOnSite"/>. What the site's entities reference and the
        /// consumer may not read is returned.
        /// </summary>
        /// <param name="folder">The folder side's entities; null when the other side is a site too.</param>
        public IReadOnlyList<ContentResult> FailuresBesides(IReadOnlyList<ContentEntity>? folder, out int notOnSite)
        {
            var folderUuids = new HashSet<string>(folder?.Select(e => e.Uuid) ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
            var failures = Failures;
            var unread = failures.Where(f => !folderUuids.Contains(f.Uuid)).ToList();
            notOnSite = failures.Count - unread.Count;
            return unread;
        }

        /// <summary>The next batch with its files hashed; null at the end.</summary>
        public async Task<IReadOnlyList<ContentEntity>?> NextAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            var batch = await _walker.NextAsync(log, cancellationToken).ConfigureAwait(false);
            if (batch == null)
            {
                return null;
            }

            var logs = await Task.WhenAll(batch.Where(e => e.IsFile && e.FileUrl != null).Select(e => HashAsync(e, cancellationToken))).ConfigureAwait(false);
            foreach (var lines in logs)
            {
                lines.WriteTo(log);
            }

            return batch;
        }

        private async Task<BufferedLog> HashAsync(ContentEntity file, CancellationToken cancellationToken)
        {
            var log = new BufferedLog();
            try
            {
                using (await _files.Limit.EnterAsync(cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _hashed);
                    await _files.HashAsync(file, log, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DrupalException e) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_failures)
                {
                    _failures.Add(ContentResults.Of(file, ContentAction.Failed, error: e.Message));
                }
            }

            return log;
        }
    }
}
