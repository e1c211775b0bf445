namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One cell to the JSON value its field takes. Cells come as a CSV gives them (text), as an xlsx gives them
    /// (text, double, bool, DateTime) or as JSON or the pipeline gives them (string, long, int, double, decimal, bool,
    /// DateTime, DateTimeOffset). JSON-ready values are string, long, double, bool or null.
    /// </summary>
    internal static class CellConverter
    {
        /// <summary>Null, DBNull, an empty or all-space string: the cell sends nothing (with -ClearEmpty it empties the field).</summary>
        public static bool IsEmpty(object? cell) => throw new System.NotImplementedException();

        /// <summary>
        /// A non-empty cell for a scalar shape (Boolean, Integer, Number, Text, Timestamp, Date, Unknown): the JSON-ready
        /// value, or false with <paramref name="expected"/> saying which forms the kind takes ("true or false, 1 or 0, yes or no").
        /// Booleans: true/false in any case, 1/0, yes/no, y/n and bool; Drupal takes true/false. Integers: an integral
        /// number or invariant text ("7"; not "7.5"). Numbers: invariant text or a number. Timestamps: ISO 8601 with or
        /// without an offset (UTC when none), a date alone (midnight UTC), a DateTime (UTC when unspecified) or a number
        /// of Unix seconds; always written as yyyy-MM-ddTHH:mm:ss+00:00. Dates: yyyy-MM-dd (or the text as it is when
        /// the field holds a time too). Text and Unknown: the cell's invariant text (an integral double without ".0").
        /// </summary>
        public static bool TryConvert(object? cell, FieldShape shape, out object? value, out string? expected) => throw new System.NotImplementedException();

        /// <summary>A cell's text in the invariant culture (DateTime as ISO 8601, bool as true/false, 7.0 as 7).</summary>
        public static string Text(object? cell) => throw new System.NotImplementedException();
    }
}
