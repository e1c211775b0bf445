using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Content
{
    /// <summary>A site's file bytes, streamed (never whole in memory) through the connection's pipeline.</summary>
    public sealed class ContentFiles
    {
        /// <summary>Files fetched at once when the call set no limit of its own.</summary>
        private const int DefaultAtOnce = 4;

        private readonly ContentSession _session;

        public ContentFiles(ContentSession session)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            Limit = session.Options.Limit ?? new AdaptiveLimit(DefaultAtOnce);
        }

        /// <summary>What bounds the files fetched at once: the call's limit when it set one, else one of their own.</summary>
        internal AdaptiveLimit Limit { get; }

        /// <summary>Downloads a read file entity's bytes (FileUrl) to <paramref name="path"/> through a temporary file; sets and returns FileHash.</summary>
        public async Task<string> DownloadAsync(ContentEntity file, string path, IDrupalLog log, CancellationToken cancellationToken)
        {
            using (var target = new OutFile(path, e => ContentFileErrors.WriteFailed(path, e)))
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target.Path)!);
                }
                catch (Exception e) when (FailureClassifier.IsFileSystem(e))
                {
                    throw ContentFileErrors.WriteFailed(path, e);
                }

                var hash = await FetchAsync(file, target.Open, log, cancellationToken).ConfigureAwait(false);
                target.Commit();
                log.Verbose($"{file}: {new FileInfo(target.Path).Length} bytes written to '{target.Path}'.");
                return hash;
            }
        }

        /// <summary>Reads the bytes only to hash them; sets and returns FileHash.</summary>
        public Task<string> HashAsync(ContentEntity file, IDrupalLog log, CancellationToken cancellationToken) =>
            FetchAsync(file, () => Stream.Null, log, cancellationToken);

        /// <summary>
        /// Sends the bytes' GET with every attempt writing through a fresh SHA-256 into a fresh <paramref name="open"/>
        /// (a retried download starts again from nothing), so the hash is of the bytes that were kept.
        /// </summary>
        private async Task<string> FetchAsync(ContentEntity file, Func<Stream> open, IDrupalLog log, CancellationToken cancellationToken)
        {
            var url = file.FileUrl ?? throw new DrupalException(
                "FileUrlMissing",
                DrupalErrorCategory.InvalidResult,
                $"{file} ({file.Label}) has no address for its bytes: the site's JSON:API gave its uri no url, so the bytes could not be read.",
                file.Uuid);
            SHA256? sha = null;
            Stream Open()
            {
                sha?.Dispose();
                sha = SHA256.Create();
                return new CryptoStream(open(), sha, CryptoStreamMode.Write);
            }

            try
            {
                await _session.Api.SendAsync(new OutgoingRequest(HttpMethod.Get, url, accept: "*/*", options: _session.Options, responseFile: Open), log, cancellationToken).ConfigureAwait(false);
                file.FileHash = ContentFolder.Hex(sha!.Hash);
                return file.FileHash;
            }
            finally
            {
                sha?.Dispose();
            }
        }
    }
}
