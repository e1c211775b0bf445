using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DrupalOAuth.Http
{
    /// <summary>A stream read to the end once (an upload's body), telling how far it has got.</summary>
    internal sealed class ProgressStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _length;
        private readonly Action<long, long>? _progress;
        private long _read;

        public ProgressStream(Stream inner, long length, Action<long, long>? progress)
        {
            _inner = inner;
            _length = length;
            _progress = progress;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Advance(_inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Advance(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

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

        private int Advance(int read)
        {
            _read += read;
            _progress?.Invoke(_read, _length);
            return read;
        }
    }
}
