using System;
using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Writes a sheet file row by row as rows arrive, so that memory stays flat however many there are: .csv in UTF-8
    /// with a byte-order mark (Excel then shows accents and non-Latin text right), .xlsx as a workbook with one header
    /// row, typed cells and a frozen header, .json as an array of objects. Written to a temporary file beside the
    /// target and moved into place by <see cref="Complete"/>: a writer disposed before that (a failure, Ctrl+C) leaves
    /// what was at the path as it was.
    /// </summary>
    public abstract class SheetWriter : IDisposable
    {
        /// <summary>A writer for <paramref name="path"/>, its format told by the extension (InvalidSheetFormat otherwise).</summary>
        public static SheetWriter Create(string path, IReadOnlyList<string> headers) => throw new NotImplementedException();

        /// <summary>
        /// One row, a cell per header: string, bool, long, int, double, decimal, DateTimeOffset, DateTime or null.
        /// CSV writes booleans as TRUE/FALSE, numbers and dates in the invariant culture (dates ISO 8601 with offset);
        /// xlsx writes numbers, booleans and dates (in UTC) as typed cells; JSON writes dates as ISO 8601 strings.
        /// </summary>
        public abstract void Write(IReadOnlyList<object?> cells);

        /// <summary>Finishes the file and moves it into place.</summary>
        public abstract void Complete();

        public abstract void Dispose();
    }
}
