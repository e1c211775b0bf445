using System;
using System.Collections.Generic;
using System.IO;
using DrupalOAuth.Http;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Writes a sheet file row by row as rows arrive, so that memory stays flat however many there are: .csv in UTF-8
    /// with a byte-order mark (Excel then shows accents and non-Latin text right), .xlsx as a workbook with one header
    /// row, typed cells and a frozen header, .json as an array of objects. Written to a temporary file beside the
    /// target and moved into place by <see cref="Complete"/>: a writer disposed before that (a failure, Ctrl+C) leaves
    /// what was at the path as it was.
    /// </summary>
    /// <remarks>
    /// A file that cannot be written (no such folder, access denied, disk full, the file open in Excel) is the
    /// DrupalException SheetWriteFailed naming the path, from whichever call met it. Only the engine derives from
    /// this class; one writer is used from one thread.
    /// </remarks>
    public abstract class SheetWriter : IDisposable
    {
        private readonly string _path;
        private readonly OutFile _target;
        private Stream? _file;
        private bool _completed;
        private bool _disposed;

        private protected SheetWriter(string path, IReadOnlyList<string> headers)
        {
            _path = path;
            Headers = headers;
            _target = new OutFile(path, e => SheetFileErrors.WriteFailed(path, e));
        }

        private protected IReadOnlyList<string> Headers { get; }

        /// <summary>A writer for <paramref name="path"/>, its format told by the extension (InvalidSheetFormat otherwise).</summary>
        public static SheetWriter Create(string path, IReadOnlyList<string> headers)
        {
            CheckHeaders(headers);
            var format = SheetFormats.Of(path);
            SheetWriter writer = format == SheetFormat.Csv ? new CsvSheetWriter(path, headers)
                : format == SheetFormat.Xlsx ? new XlsxSheetWriter(path, headers)
                : (SheetWriter)new JsonSheetWriter(path, headers);
            try
            {
                writer.Open();
                return writer;
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }

        /// <summary>
        /// One row, a cell per header: string, bool, long, int, double, decimal, DateTimeOffset, DateTime or null.
        /// CSV writes booleans as TRUE/FALSE, numbers and dates in the invariant culture (dates ISO 8601 with offset);
        /// xlsx writes numbers, booleans and dates (in UTC) as typed cells; JSON writes dates as ISO 8601 strings.
        /// </summary>
        public void Write(IReadOnlyList<object?> cells)
        {
            CheckOpen();
            if (cells.Count != Headers.Count)
            {
                throw new ArgumentException($"A row of {Headers.Count} columns was given {cells.Count} cells.", nameof(cells));
            }

            var row = new object?[cells.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = SheetCells.Normalize(cells[i]);
            }

            try
            {
                WriteRow(row);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw SheetFileErrors.WriteFailed(_path, e);
            }
        }

        /// <summary>Finishes the file and moves it into place.</summary>
        public void Complete()
        {
            CheckOpen();
            try
            {
                Finish();
                _file!.Dispose();
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw SheetFileErrors.WriteFailed(_path, e);
            }

            _target.Commit();
            _completed = true;
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_completed)
            {
                try
                {
                    Abandon();
                    _file?.Dispose();
                }
                catch (Exception e) when (FailureClassifier.IsFileSystem(e))
                {
                    // The file is given up: what it could not flush does not matter, and the temporary file goes below.
                }
            }

            _target.Dispose();
        }

        /// <summary>Begins the file (the header, for CSV and JSON) on the temporary file's stream.</summary>
        private protected abstract void Begin(Stream file);

        /// <summary>One row of normalized cells (see <see cref="SheetCells.Normalize"/>), in header order.</summary>
        private protected abstract void WriteRow(object?[] cells);

        /// <summary>Writes the end of the file and everything still buffered; the stream is closed after.</summary>
        private protected abstract void Finish();

        /// <summary>Stops writing without finishing; the stream is closed and the temporary file removed after.</summary>
        private protected abstract void Abandon();

        private static void CheckHeaders(IReadOnlyList<string> headers)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var header in headers)
            {
                if (string.IsNullOrEmpty(header) || !seen.Add(header))
                {
                    throw new ArgumentException($"The sheet's headers must be distinct and not empty: '{header}'.", nameof(headers));
                }
            }
        }

        private void Open()
        {
            try
            {
                _file = _target.Open();
                Begin(_file);
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw SheetFileErrors.WriteFailed(_path, e);
            }
        }

        private void CheckOpen()
        {
            if (_disposed || _completed)
            {
                throw new InvalidOperationException("The sheet writer has already completed or been disposed.");
            }
        }
    }
}
