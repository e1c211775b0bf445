using System;
using System.IO;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Sheets
{
    /// <summary>A sheet file's format, told by its extension alone, so that a file is read and written the same way.</summary>
    internal static class SheetFormats
    {
        public static SheetFormat Of(string path)
        {
            var extension = Path.GetExtension(path);
            if (string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase))
            {
                return SheetFormat.Csv;
            }

            if (string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                return SheetFormat.Xlsx;
            }

            if (string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase))
            {
                return SheetFormat.Json;
            }

            // .xls (Excel 97-2003) is named on purpose: Excel saves it as .xlsx or "CSV UTF-8" when asked.
            throw new DrupalException(
                "InvalidSheetFormat",
                DrupalErrorCategory.InvalidArgument,
                $"'{Path.GetFileName(path)}': use .csv, .xlsx or .json (an .xls workbook can be saved as .xlsx or as \"CSV UTF-8\" in Excel).",
                path);
        }
    }
}
