using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// A local file to upload, opened within the call's time limit and its cancellation: opening a named pipe
    /// (FIFO) that nothing writes to, or a file on a share that stopped answering, blocks in the operating system
    /// itself, where no token reaches, so the open runs on a thread of its own that is abandoned when time is up.
    /// Only a regular file is taken, since its length must be known before the first byte is sent.
    /// </summary>
    internal static class LocalFile
    {
        public static async Task<FileStream> OpenReadAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (Directory.Exists(path))
            {
                throw Invalid(path, "is a folder");
            }

            var opened = new TaskCompletionSource<FileStream>(TaskCreationOptions.RunContinuationsAsynchronously);
            var opener = new Thread(() =>
            {
                try
                {
                    var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                    if (!opened.TrySetResult(stream))
                    {
                        stream.Dispose();
                    }
                }
                catch (Exception e)
                {
                    opened.TrySetException(e);
                }
            })
            {
                IsBackground = true,
                Name = "DrupalOAuth file open",
            };
            opener.Start();

            FileStream file;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (limit.Token.Register(() => opened.TrySetCanceled()))
            {
                limit.CancelAfter(timeout);
                try
                {
                    file = await opened.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DrupalException(
                        "FileReadTimeout",
                        DrupalErrorCategory.OperationTimeout,
                        $"'{path}' could not be opened within {timeout.TotalSeconds:0.###} seconds: it may be a named pipe (FIFO) that no program writes to, or on a share that stopped answering. Upload a regular file; raise -TimeoutSec if its share is only slow.",
                        path);
                }
                catch (Exception e) when (FailureClassifier.IsFileSystem(e))
                {
                    throw ReadFailed(path, e);
                }
            }

            // A pipe, a socket or a terminal: its length is unknown, and reading it may never end.
            if (!file.CanSeek)
            {
                file.Dispose();
                throw Invalid(path, "is not a regular file (a named pipe, a socket or a terminal)");
            }

            return file;
        }

        public static DrupalException ReadFailed(string path, Exception e) =>
            new DrupalException(
                "FileReadFailed",
                DrupalErrorCategory.ResourceUnavailable,
                $"'{path}' could not be read for the upload: {e.Message.TrimEnd('.')}. Check that the file is readable; it was not sent again.",
                path,
                e);

        /// <summary>The file did not hold the bytes it had when the upload began: what reached Drupal would be neither version.</summary>
        public static DrupalException Changed(string path, long length, string how) =>
            new DrupalException(
                "FileChanged",
                DrupalErrorCategory.InvalidData,
                $"'{path}' changed while it was uploaded: it had {length} bytes when the upload began, and {how}. The upload was stopped and not sent again; upload the file once nothing writes to it.",
                path);

        private static DrupalException Invalid(string path, string what) =>
            new DrupalException(
                "InvalidFile",
                DrupalErrorCategory.InvalidArgument,
                $"'{path}' {what}, so it cannot be uploaded. Pass the path of a regular file.",
                path);
    }
}
