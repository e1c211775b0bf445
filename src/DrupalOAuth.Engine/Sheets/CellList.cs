using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The values of a multi-value field in one cell: joined with the delimiter ("; "); a value that holds the
    /// delimiter's first non-space character, or starts with a double quote, is written in double quotes with its own
    /// quotes doubled ("a; b" becomes "\"a; b\""), so that <see cref="Split"/> gives back exactly what was joined.
    /// </summary>
    internal static class CellList
    {
        public const string DefaultDelimiter = "; ";

        public static string Join(IEnumerable<string> values, string delimiter) => throw new System.NotImplementedException();

        /// <summary>The values of a cell; items are trimmed, empty items dropped; a quoted item is taken as it is.</summary>
        public static IReadOnlyList<string> Split(string cell, string delimiter) => throw new System.NotImplementedException();
    }
}
