using System;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Content
{
    /// <summary>A site's file bytes, streamed (never whole in memory) through the connection's pipeline.</summary>
    public sealed class ContentFiles
    {
        public ContentFiles(ContentSession session) => throw new NotImplementedException();

        /// <summary>Downloads a read file entity's bytes (FileUrl) to <paramref name="path"/> through a temporary file; sets and returns FileHash.</summary>
        public Task<string> DownloadAsync(ContentEntity file, string path, IDrupalLog log, CancellationToken cancellationToken) => throw new NotImplementedException();

        /// <summary>Reads the bytes only to hash them; sets and returns FileHash.</summary>
        public Task<string> HashAsync(ContentEntity file, IDrupalLog log, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
