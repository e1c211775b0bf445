using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Reads an .xlsx sheet with MiniExcel, row by row: the first worksheet, its first row the headers, cells as
    /// MiniExcel types them (text, double, bool, or DateTime for a cell with a date format).
    /// </summary>
    internal static class XlsxSheetReader
    {
        public static SheetTable Read(Stream file, string path)
        {
            try
            {
                SheetTableBuilder? table = null;
                var configuration = new OpenXmlConfiguration { Culture = CultureInfo.InvariantCulture };
                IEnumerable<object> rows = MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: configuration);
                foreach (var row in rows)
                {
                    // MiniExcel names the cells by column letter, in column order.
                    var cells = ((IDictionary<string, object?>)row).Values.ToList();
                    if (table == null)
                    {
                        table = new SheetTableBuilder(path, cells.Select(HeaderText).ToList());
                    }
                    else
                    {
                        table.Add(cells);
                    }
                }

                return (table ?? throw SheetFileErrors.Invalid(path, "has an empty first worksheet: its first row must name the columns (id, title, body.value ...).")).Build();
            }
            catch (Exception e) when (e is InvalidDataException || e is XmlException || !(e is DrupalException) && !FailureClassifier.IsFileSystem(e))
            {
                // Not a zip, not the XML of a workbook, or a part MiniExcel cannot make sense of.
                throw SheetFileErrors.Invalid(path, $"is not an .xlsx workbook that can be read: {e.Message.TrimEnd('.')}. Open it in Excel and save it again as an Excel Workbook (.xlsx).", e);
            }
        }

        private static string? HeaderText(object? cell) =>
            cell is double number ? number.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(cell, CultureInfo.InvariantCulture);
    }
}
