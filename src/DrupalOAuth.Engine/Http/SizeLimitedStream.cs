using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// An answer's body as it is read, counted after decompression: once more than the limit has come, the read
    /// stops with ResponseTooLarge, so that neither a huge answer nor a small gzip body that inflates to gigabytes
    /// can fill memory, whichever way the body is read.
    /// </summary>
    internal sealed class SizeLimitedStream : Stream
    {
        /// <summary>
        /// What a body read into memory can hold whatever the limit: one byte array (.NET's Array.MaxLength).
        /// Beyond it MemoryStream would fail with an IOException that looks like a broken connection.
        /// </summary>
        public const long InMemoryMaximum = 0x7FFFFFC7;

        private readonly Stream _inner;
        private readonly long _limit;
        private readonly HttpMethod _method;
        private readonly Uri _target;
        private long _read;

        public SizeLimitedStream(Stream inner, long limit, HttpMethod method, Uri target)
        {
            _inner = inner;
            _limit = limit;
            _method = method;
            _target = target;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        /// <summary>The limit for a body: the call's or the connection's, 0 being none, and never more than memory can hold when it is read whole.</summary>
        public static long Effective(long limit, bool inMemory) =>
            inMemory ? (limit == 0 ? InMemoryMaximum : Math.Min(limit, InMemoryMaximum)) : limit;

        /// <summary>The body of an answer, held to the limit; one that announces more than the limit fails before any of it is read.</summary>
        public static async Task<SizeLimitedStream> OpenAsync(HttpContent content, long limit, HttpMethod method, Uri target)
        {
            if (limit > 0 && content.Headers.ContentLength is long announced && announced > limit)
            {
                throw TooLarge(method, target, limit, $"announces {announced} bytes, more than");
            }

            return new SizeLimitedStream(await content.ReadAsStreamAsync().ConfigureAwait(false), limit, method, target);
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, Cap(count)));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _inner.ReadAsync(buffer, offset, Cap(count), cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private static DrupalException TooLarge(HttpMethod method, Uri target, long limit, string how) =>
            new DrupalException(
                "ResponseTooLarge",
                DrupalErrorCategory.InvalidResult,
                $"The answer to {method} {target} {how} the {limit} bytes allowed{(limit >= InMemoryMaximum ? " in memory" : string.Empty)}, so it was not read further. If the answer is meant to be this large, raise -MaximumResponseSize (on the call or on Connect-DrupalApi; 0 for no limit), or write it to a file with Invoke-DrupalRequest -OutFile.",
                target);

        // One byte past the limit is enough to know the answer is too large; the rest is never read.
        private int Cap(int count) => _limit == 0 ? count : (int)Math.Max(1, Math.Min(count, _limit - _read + 1));

        private int Count(int read)
        {
            _read += read;
            if (_limit > 0 && _read > _limit)
            {
                throw TooLarge(_method, _target, _limit, "is larger than");
            }

            return read;
        }
    }
}
