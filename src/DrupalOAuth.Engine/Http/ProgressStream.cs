using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// An upload's body: the file read to the end once per attempt, telling how far it has got. It holds the
    /// upload to the length sent as Content-Length (a file that grows or shrinks meanwhile fails with FileChanged),
    /// and a read that hangs (a share that stopped answering) ends when the call's token is cancelled, since the
    /// operating system's read does not heed it. The file stays open for another attempt: the upload owns it.
    /// </summary>
    internal sealed class ProgressStream : Stream
    {
        private readonly Stream _file;
        private readonly long _length;
        private readonly Action<long, long>? _progress;
        private readonly string _path;

        // A read that is abandoned may still complete later: into this buffer, never into HttpClient's.
        private readonly byte[] _buffer = new byte[81920];
        private long _read;

        public ProgressStream(Stream file, long length, Action<long, long>? progress, string path)
        {
            _file = file;
            _length = length;
            _progress = progress;
            _path = path;
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

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Advance(_file.Read(buffer, offset, count));
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw LocalFile.ReadFailed(_path, e);
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var pending = _file.ReadAsync(_buffer, 0, Math.Min(count, _buffer.Length), cancellationToken);
            if (!pending.IsCompleted && cancellationToken.CanBeCanceled)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    if (await Task.WhenAny(pending, cancelled.Task).ConfigureAwait(false) != pending)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }

            int read;
            try
            {
                read = await pending.ConfigureAwait(false);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw LocalFile.ReadFailed(_path, e);
            }

            Buffer.BlockCopy(_buffer, 0, buffer, offset, read);
            return Advance(read);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Advance(int read)
        {
            _read += read;
            if (_read > _length)
            {
                throw LocalFile.Changed(_path, _length, "grew while it was read");
            }

            if (read == 0 && _read < _length)
            {
                throw LocalFile.Changed(_path, _length, $"ended after {_read} bytes");
            }

            _progress?.Invoke(_read, _length);
            return read;
        }
    }
}
