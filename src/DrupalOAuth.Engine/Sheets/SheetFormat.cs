namespace DrupalOAuth.Sheets
{
    /// <summary>The kinds of sheet file, told by the file's extension: .csv, .xlsx, .json.</summary>
    public enum SheetFormat
    {
        Csv,
        Xlsx,
        Json,
    }
}
