using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// An .xlsx workbook written by MiniExcel: one sheet, the header row frozen and filtered, numbers, booleans and
    /// dates as typed cells (dates in UTC with a date-and-time format), an empty cell for null.
    /// </summary>
    /// <remarks>
    /// MiniExcel pulls its rows from an enumerable, so it runs on a worker thread of its own fed through a bounded
    /// queue: <see cref="SheetWriter.Write"/> waits while the worker is behind, and memory holds at most
    /// <see cref="Capacity"/> rows whatever the file's length. The worker starts once the first
    /// <see cref="Capacity"/> rows (or all, if fewer) are known, because MiniExcel's number formats are given per
    /// column before the first row: a column with a date among them gets the date-and-time format; a date that first
    /// appears later in a column is still a date cell, shown as a date without its time. A failure of the worker
    /// surfaces from the next Write or from Complete.
    /// </remarks>
    internal sealed class XlsxSheetWriter : SheetWriter
    {
        private const int Capacity = 256;
        private const string DateTimeFormat = "yyyy-mm-dd hh:mm:ss";
        private const double DateColumnWidth = 20;

        // Beyond 2^53 a double (what every xlsx number is) no longer holds every integer: such a number is written as text.
        private const long ExactIntegerLimit = 1L << 53;

        private readonly List<Dictionary<string, object?>> _first = new List<Dictionary<string, object?>>(Capacity);
        private readonly BlockingCollection<Dictionary<string, object?>> _queue = new BlockingCollection<Dictionary<string, object?>>(Capacity);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Stream? _file;
        private Task? _worker;

        public XlsxSheetWriter(string path, IReadOnlyList<string> headers)
            : base(path, headers)
        {
        }

        private protected override void Begin(Stream file) => _file = file;

        private protected override void WriteRow(object?[] cells)
        {
            var row = new Dictionary<string, object?>(cells.Length, StringComparer.Ordinal);
            for (var i = 0; i < cells.Length; i++)
            {
                row.Add(Headers[i], Cell(cells[i]));
            }

            if (_worker == null)
            {
                _first.Add(row);
                if (_first.Count == Capacity)
                {
                    Start();
                }

                return;
            }

            try
            {
                _queue.Add(row, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The worker stopped before the rows did: its failure is the one to report.
                _worker.GetAwaiter().GetResult();
                throw new InvalidOperationException("The workbook's writer stopped before the last row.");
            }
        }

        private protected override void Finish()
        {
            if (_worker == null)
            {
                Start();
            }

            _queue.CompleteAdding();
            _worker!.GetAwaiter().GetResult();
        }

        private protected override void Abandon()
        {
            _stop.Cancel();
            try
            {
                // The worker must let go of the stream before the temporary file can be removed.
                _worker?.Wait();
            }
            catch (AggregateException)
            {
                // It ended as it was told to, or had already failed; the file is given up either way.
            }
        }

        private static object? Cell(object? cell)
        {
            switch (cell)
            {
                case DateTimeOffset date:
                    return date.UtcDateTime;
                case long number when number >= ExactIntegerLimit || number <= -ExactIntegerLimit:
                    return number.ToString(CultureInfo.InvariantCulture);
                default:
                    return cell;
            }
        }

        private void Start()
        {
            var dateColumns = Headers.Where(header => _first.Any(row => row[header] is DateTime)).ToArray();
            var configuration = new OpenXmlConfiguration
            {
                FreezeRowCount = 1,
                Culture = CultureInfo.InvariantCulture,
                DynamicColumns = dateColumns.Select(header => new DynamicExcelColumn(header) { Format = DateTimeFormat, Width = DateColumnWidth }).ToArray(),
            };

            // MiniExcel takes the headers from the first row, so a sheet with none is given as an empty table.
            var sheet = _first.Count == 0 ? HeadersOnly() : (object)Rows();
            var file = _file!;
            _worker = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        MiniExcel.SaveAs(file, sheet, configuration: configuration);
                    }
                    finally
                    {
                        // Whatever ended the worker, a Write waiting for room in the queue must not wait forever.
                        _stop.Cancel();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        private IEnumerable<Dictionary<string, object?>> Rows()
        {
            foreach (var row in _first)
            {
                yield return row;
            }

            foreach (var row in _queue.GetConsumingEnumerable(_stop.Token))
            {
                yield return row;
            }
        }

        private DataTable HeadersOnly()
        {
            var table = new DataTable { CaseSensitive = true, Locale = CultureInfo.InvariantCulture };
            foreach (var header in Headers)
            {
                table.Columns.Add(header, typeof(object));
            }

            return table;
        }
    }
}
