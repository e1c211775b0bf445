using System;
using System.IO;
using DrupalOAuth.Http;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Reads a sheet file: .csv (RFC 4180, UTF-8 with or without a byte-order mark; cells as text), .xlsx (the first
    /// worksheet, its first row the headers; cells as text, double, bool or DateTime as the cell is typed) or .json
    /// (an array of objects; cells as string, long, double, bool or null). Row numbers count the data rows from 1.
    /// A file that cannot be read is InvalidSheet, naming the file and where.
    /// </summary>
    /// <remarks>
    /// An empty cell is null. A row whose cells are all empty is left out, but counted, so that row numbers stay those
    /// of the file. A file that cannot be opened is SheetReadFailed; one that another program locks says to close it
    /// there. The file is opened allowing others to read and write it, so that a workbook still open in Excel is
    /// read as it was last saved (Excel saves by replacing the file, never by writing into it).
    /// </remarks>
    public static class SheetReader
    {
        private const int BufferSize = 65536;

        public static SheetTable Read(string path)
        {
            var format = SheetFormats.Of(path);
            if (Directory.Exists(path))
            {
                throw SheetFileErrors.Invalid(path, "is a folder. Pass the path of a .csv, .xlsx or .json file.");
            }

            try
            {
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize))
                {
                    switch (format)
                    {
                        case SheetFormat.Csv:
                            return CsvSheetReader.Read(file, path);
                        case SheetFormat.Xlsx:
                            return XlsxSheetReader.Read(file, path);
                        default:
                            return JsonSheetReader.Read(file, path);
                    }
                }
            }
            catch (Exception e) when (FailureClassifier.IsFileSystem(e))
            {
                throw SheetFileErrors.ReadFailed(path, e);
            }
        }
    }
}
