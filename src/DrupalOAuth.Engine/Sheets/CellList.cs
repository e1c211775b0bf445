using System.Collections.Generic;
using System.Text;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The values of a multi-value field in one cell: joined with the delimiter ("; "); a value that holds the
    /// delimiter's first non-space character, or starts with a double quote, is written in double quotes with its own
    /// quotes doubled ("a; b" becomes "\"a; b\""), so that <see cref="Split"/> gives back exactly what was joined.
    /// A value that is empty or has spaces at either end is quoted too, since <see cref="Split"/> trims and drops empty
    /// items (people type "alpha;beta" and "alpha ; beta": the delimiter's spaces are optional when reading).
    /// </summary>
    internal static class CellList
    {
        public const string DefaultDelimiter = "; ";

        private const char Quote = '"';

        public static string Join(IEnumerable<string> values, string delimiter)
        {
            var separator = Separator(delimiter);
            var text = new StringBuilder();
            var first = true;
            foreach (var value in values)
            {
                if (!first)
                {
                    text.Append(delimiter);
                }

                first = false;
                if (NeedsQuotes(value, separator[0]))
                {
                    text.Append(Quote).Append(value.Replace("\"", "\"\"")).Append(Quote);
                }
                else
                {
                    text.Append(value);
                }
            }

            return text.ToString();
        }

        /// <summary>The values of a cell; items are trimmed, empty items dropped; a quoted item is taken as it is.</summary>
        public static IReadOnlyList<string> Split(string cell, string delimiter)
        {
            var separator = Separator(delimiter);
            var values = new List<string>();
            var position = 0;
            while (position < cell.Length)
            {
                position = SkipSpaces(cell, position);
                if (position >= cell.Length)
                {
                    break;
                }

                string value;
                bool quoted;
                if (cell[position] == Quote && ReadQuoted(cell, position) is KeyValuePair<string, int> item)
                {
                    // Text between the closing quote and the next separator (a stray character) is kept after it.
                    var next = IndexOf(cell, separator, item.Value);
                    value = item.Key + cell.Substring(item.Value, next - item.Value).TrimEnd();
                    quoted = true;
                    position = next;
                }
                else
                {
                    var next = IndexOf(cell, separator, position);
                    value = cell.Substring(position, next - position).Trim();
                    quoted = false;
                    position = next;
                }

                if (quoted || value.Length > 0)
                {
                    values.Add(value);
                }

                position += separator.Length;
            }

            return values;
        }

        /// <summary>What separates items when reading: the delimiter without its spaces (all of it when it is only spaces).</summary>
        private static string Separator(string delimiter)
        {
            if (string.IsNullOrEmpty(delimiter))
            {
                throw new DrupalException("InvalidDelimiter", DrupalErrorCategory.InvalidArgument, "-Delimiter must not be empty: give the text that separates the values of a multi-value cell, such as '; ' (the default) or '|'.", delimiter);
            }

            var trimmed = delimiter.Trim();
            return trimmed.Length > 0 ? trimmed : delimiter;
        }

        private static bool NeedsQuotes(string value, char separator) =>
            value.Length == 0
            || value.IndexOf(separator) >= 0
            || value[0] == Quote
            || char.IsWhiteSpace(value[0])
            || char.IsWhiteSpace(value[value.Length - 1]);

        /// <summary>The quoted item starting at <paramref name="start"/> and the position after its closing quote; null when it never closes (then it is plain text).</summary>
        private static KeyValuePair<string, int>? ReadQuoted(string cell, int start)
        {
            var text = new StringBuilder();
            var position = start + 1;
            while (position < cell.Length)
            {
                if (cell[position] != Quote)
                {
                    text.Append(cell[position]);
                    position++;
                }
                else if (position + 1 < cell.Length && cell[position + 1] == Quote)
                {
                    text.Append(Quote);
                    position += 2;
                }
                else
                {
                    return new KeyValuePair<string, int>(text.ToString(), position + 1);
                }
            }

            return null;
        }

        private static int IndexOf(string cell, string separator, int start)
        {
            var index = cell.IndexOf(separator, start, System.StringComparison.Ordinal);
            return index < 0 ? cell.Length : index;
        }

        private static int SkipSpaces(string cell, int position)
        {
            while (position < cell.Length && char.IsWhiteSpace(cell[position]))
            {
                position++;
            }

            return position;
        }
    }
}
