using System;
using System.IO;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Http
{
    /// <summary>
    /// Where -OutFile's answer goes: a temporary file beside the target, which takes the target's place only once
    /// the body has arrived whole, so that a download that breaks, times out, is stopped or fills the disk leaves
    /// the file that was there as it was, and no temporary file behind.
    /// </summary>
    internal sealed class OutFile : IDisposable
    {
        private readonly string _temporary;
        private readonly Func<Exception, DrupalException> _failed;

        public OutFile(string path)
            : this(path, Failed)
        {
        }

        /// <summary>A target whose failures are told by <paramref name="failed"/>, for a file that is not -OutFile's (a sheet).</summary>
        public OutFile(string path, Func<Exception, DrupalException> failed)
        {
            _failed = failed;
            try
            {
                Path = System.IO.Path.GetFullPath(path);
                var folder = System.IO.Path.GetDirectoryName(Path) ?? throw new ArgumentException($"'{path}' names no file.");
                _temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(Path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw failed(e);
            }
        }

        public string Path { get; }

        /// <summary>The error for a write that failed here, which sending the request again would not mend.</summary>
        public static DrupalException Failed(Exception e) =>
            new DrupalException(
                "OutFileFailed",
                DrupalErrorCategory.InvalidArgument,
                $"The answer could not be written to the file: {e.Message.TrimEnd('.')}. Pass an -OutFile path in a folder that exists and that you may write to, on a disk with room for the answer; a file that was there is left as it was.",
                null,
                e);

        /// <summary>The temporary file, empty, for one attempt (a retried one starts again from nothing).</summary>
        public Stream Open() => new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);

        /// <summary>Puts the whole answer in the target's place.</summary>
        public void Commit()
        {
            try
            {
                if (File.Exists(Path))
                {
                    File.Replace(_temporary, Path, null);
                }
                else
                {
                    File.Move(_temporary, Path);
                }
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw _failed(e);
            }
        }

        /// <summary>Removes the temporary file unless it took the target's place.</summary>
        public void Dispose()
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                // Nothing more can be done about a file the system will not remove; the call's own outcome matters more.
            }
        }
    }
}
