using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Equality and text of the values of core's default-content format (<see cref="ContentMap"/>'s value kinds), as the
    /// comparison needs them: typed, but blind to how a side happened to write a number or an absent property.
    /// </summary>
    internal static class ContentValues
    {
        /// <summary>
        /// Whether two fields' item lists hold the same values. A property absent from an item equals null (a site and a
        /// folder leave out different empty properties); <paramref name="sameEntity"/> decides between two differing
        /// <c>entity</c> UUIDs.
        /// </summary>
        public static bool ItemsEqual(IReadOnlyList<ContentMap> left, IReadOnlyList<ContentMap> right, Func<string, string, bool>? sameEntity)
        {
            if (left.Count != right.Count)
            {
                return false;
            }

            for (var i = 0; i < left.Count; i++)
            {
                if (!MapsEqual(left[i], right[i], sameEntity))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool MapsEqual(ContentMap left, ContentMap right, Func<string, string, bool>? sameEntity)
        {
            foreach (var pair in left)
            {
                var other = right[pair.Key];
                if (pair.Key == "entity" && pair.Value is string a && other is string b && !string.Equals(a, b, StringComparison.Ordinal))
                {
                    if (sameEntity == null || !sameEntity(a, b))
                    {
                        return false;
                    }
                }
                else if (!ValueEqual(pair.Value, other, sameEntity))
                {
                    return false;
                }
            }

            foreach (var pair in right)
            {
                if (!left.ContainsKey(pair.Key) && pair.Value != null)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool ValueEqual(object? left, object? right, Func<string, string, bool>? sameEntity)
        {
            switch (left)
            {
                case ContentMap map:
                    return right is ContentMap other && MapsEqual(map, other, sameEntity);
                case List<object?> list:
                    if (!(right is List<object?> otherList) || list.Count != otherList.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < list.Count; i++)
                    {
                        if (!ValueEqual(list[i], otherList[i], sameEntity))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return StoredValues.Same(left, right);
            }
        }

        /// <summary>Compact YAML flow style: strings always quoted, so <c>'1'</c> and <c>1</c> read apart.</summary>
        public static string Render(object? value)
        {
            var text = new StringBuilder();
            Append(text, value);
            return text.ToString();
        }

        private static void Append(StringBuilder text, object? value)
        {
            switch (value)
            {
                case null:
                    text.Append("null");
                    break;
                case string s:
                    AppendString(text, s);
                    break;
                case bool b:
                    text.Append(b ? "true" : "false");
                    break;
                case long l:
                    text.Append(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case ContentMap map:
                    text.Append('{');
                    var first = true;
                    foreach (var pair in map)
                    {
                        text.Append(first ? string.Empty : ", ").Append(pair.Key).Append(": ");
                        Append(text, pair.Value);
                        first = false;
                    }

                    text.Append('}');
                    break;
                case System.Collections.IEnumerable list:
                    text.Append('[');
                    var firstItem = true;
                    foreach (var item in list)
                    {
                        text.Append(firstItem ? string.Empty : ", ");
                        Append(text, item);
                        firstItem = false;
                    }

                    text.Append(']');
                    break;
                default:
                    AppendString(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }

        private static void AppendString(StringBuilder text, string value)
        {
            var plain = true;
            foreach (var c in value)
            {
                if (char.IsControl(c))
                {
                    plain = false;
                    break;
                }
            }

            if (plain)
            {
                text.Append('\'').Append(value.Replace("'", "''")).Append('\'');
                return;
            }

            // A single-quoted YAML scalar cannot show a line break on one line; a double-quoted one escapes it.
            text.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (char.IsControl(c))
                        {
                            text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            text.Append(c);
                        }

                        break;
                }
            }

            text.Append('"');
        }
    }
}
