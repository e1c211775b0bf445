namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Reads a sheet file: .csv (RFC 4180, UTF-8 with or without a byte-order mark; cells as text), .xlsx (the first
    /// worksheet, its first row the headers; cells as text, double, bool or DateTime as the cell is typed) or .json
    /// (an array of objects; cells as string, long, double, bool or null). Row numbers count the data rows from 1.
    /// A file that cannot be read is InvalidSheet, naming the file and where.
    /// </summary>
    public static class SheetReader
    {
        public static SheetTable Read(string path) => throw new System.NotImplementedException();
    }
}
