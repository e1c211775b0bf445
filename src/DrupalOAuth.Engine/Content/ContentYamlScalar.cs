using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// One scalar as Symfony YAML's <c>Inline::dump</c> writes it and its <c>Inline::evaluateScalar</c> types an unquoted
    /// one, so that our files are the bytes core's exporter writes and read the way core's importer reads them.
    /// </summary>
    internal static class ContentYamlScalar
    {
        private static readonly char[] NumericBreakers = { '\f', '\n', '\r', '\t', '\v' };

        private static readonly string[] WordsToQuote = { "null", "~", "true", "false", "y", "n", "yes", "no", "on", "off" };

        // PHP's is_numeric (PHP 8): leading and trailing whitespace allowed around a decimal or exponent number.
        private static readonly Regex PhpNumeric = new Regex(@"^[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\v\f]*$", RegexOptions.CultureInvariant);

        // Escaper::requiresSingleQuoting's character test, with PCRE's /u (Unicode \s and \p{Zs}).
        private static readonly Regex NeedsSingleQuotes = new Regex(@"[\s'"":{}\[\],&*#?]|^[-?|<>=!%@`\p{Zs}]", RegexOptions.CultureInvariant);

        private static readonly Regex Digits = new Regex(@"^[0-9]+[_0-9]*$", RegexOptions.CultureInvariant);

        private static readonly Regex Hex = new Regex(@"^0x[0-9a-f_]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex Timestamp = new Regex(
            @"^[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?)?$",
            RegexOptions.CultureInvariant);

        private static readonly Regex Octal = new Regex(@"^[+-]?0o[0-7_]+$", RegexOptions.CultureInvariant);

        private static readonly Regex SignedDigits = new Regex(@"^[+-]?[0-9][0-9_]*$", RegexOptions.CultureInvariant);

        private static readonly Regex DecimalWithUnderscores = new Regex(@"^[+-]?[0-9][0-9_]*(?:\.[0-9_]+)?$", RegexOptions.CultureInvariant);

        // A key PHP stores as an integer: a decimal without a leading zero (or "0"), which Inline::dump leaves bare.
        private static readonly Regex IntegerKey = new Regex("^-?[1-9][0-9]*$", RegexOptions.CultureInvariant);

        /// <summary>A scalar inline, as <c>Inline::dump</c> writes it (a multi-line string in block context is the dumper's, not this).</summary>
        public static string Dump(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case bool b:
                    return b ? "true" : "false";
                case string s:
                    return DumpString(s);
                case double d:
                    return DumpDouble(d);
                case float f:
                    return DumpDouble(f);
                case decimal m:
                    return DumpDouble((double)m);
                case sbyte _:
                case byte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                    return Convert.ToString(value, CultureInfo.InvariantCulture)!;
                default:
                    throw new ArgumentException($"A {value.GetType().Name} is no value of core's default-content format.", nameof(value));
            }
        }

        /// <summary>A mapping key: PHP turns a key that is a canonical integer into an int, which Symfony writes bare.</summary>
        public static string DumpKey(string key) =>
            IsPhpIntegerKey(key) ? key : DumpString(key);

        /// <summary>
        /// A float as PHP's string cast writes it (14 significant digits, an exponent from 1.0E+14 and below 1.0E-4),
        /// with Symfony's ".0" on a whole number so that it stays a float.
        /// </summary>
        private static string DumpDouble(double value)
        {
            if (double.IsNaN(value))
            {
                return ".NaN";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? ".Inf" : "-.Inf";
            }

            var text = value.ToString("G14", CultureInfo.InvariantCulture);
            var e = text.IndexOf('E');
            if (e < 0)
            {
                return text.IndexOf('.') < 0 ? text + ".0" : text;
            }

            var mantissa = text.Substring(0, e);
            if (mantissa.IndexOf('.') < 0)
            {
                mantissa += ".0";
            }

            var exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return mantissa + "E" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        }

        private static string DumpString(string value)
        {
            if (PhpNumeric.IsMatch(value) && value.IndexOfAny(NumericBreakers) < 0)
            {
                return "'" + value + "'";
            }

            if (value.Length == 0)
            {
                return "''";
            }

            if (IsBinary(value))
            {
                return "!!binary " + Convert.ToBase64String(new UTF8Encoding(false).GetBytes(value));
            }

            if (RequiresDoubleQuotes(value))
            {
                return DoubleQuoted(value);
            }

            if (Array.IndexOf(WordsToQuote, value.ToLowerInvariant()) >= 0 || NeedsSingleQuotes.IsMatch(value))
            {
                var single = "'" + value.Replace("'", "''") + "'";
                if (value.IndexOf('\'') < 0)
                {
                    return single;
                }

                // Symfony takes double quotes when they are shorter; the strings differ only in ASCII, so characters count as bytes do.
                var quoted = DoubleQuoted(value);
                return quoted.Length < single.Length ? quoted : single;
            }

            // Beyond Symfony: a plain string its own parser would read as something else (0o17, +1_0, .inf) is quoted,
            // so that what we write reads back as it was.
            if (Digits.IsMatch(value) || Hex.IsMatch(value) || Timestamp.IsMatch(value) || !(Resolve(value) is string same && same == value))
            {
                return "'" + value + "'";
            }

            return value;
        }

        /// <summary>An unquoted scalar typed as Symfony's parser types it: null, bool, long, double, or the string itself.</summary>
        public static object? Resolve(string scalar)
        {
            var text = scalar.Trim();
            var lower = text.ToLowerInvariant();
            if (text.Length == 0 || lower == "null" || text == "~")
            {
                return null;
            }

            if (lower == "true")
            {
                return true;
            }

            if (lower == "false")
            {
                return false;
            }

            if (Octal.IsMatch(text))
            {
                var octal = Radix(text.TrimStart('+', '-').Substring(2), 8);
                return text[0] != '-' ? octal : octal is long l ? -l : (object)(-(double)octal);
            }

            var first = text[0];
            if (first != '+' && first != '-' && first != '.' && (first < '0' || first > '9'))
            {
                return text;
            }

            if (SignedDigits.IsMatch(text))
            {
                text = text.Replace("_", string.Empty);
            }

            if (IsAllDigits(text, 0) || (text[0] == '-' && IsAllDigits(text, 1)))
            {
                // PHP keeps a string its int cast would change ("012", or beyond the range of an int).
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    && integer.ToString(CultureInfo.InvariantCulture) == text
                        ? integer
                        : (object)text;
            }

            if (PhpNumeric.IsMatch(text))
            {
                return double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            if (Hex.IsMatch(text))
            {
                return Radix(text.Substring(2), 16);
            }

            switch (lower)
            {
                case ".inf":
                case ".nan":
                    // Symfony's parser reads .nan as infinity too (it returns -log(0) for both); we keep NaN a NaN.
                    return lower == ".nan" ? double.NaN : double.PositiveInfinity;
                case "-.inf":
                    return double.NegativeInfinity;
            }

            if (DecimalWithUnderscores.IsMatch(text))
            {
                return double.Parse(text.Replace("_", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            // A plain date stays a string: Symfony would make it a Unix time, but its own dumper always quotes one.
            return text;
        }

        // PHP's octdec and hexdec: an int while it fits, a float beyond.
        private static object Radix(string digits, int radix)
        {
            long integer = 0;
            double real = 0;
            var fits = true;
            foreach (var c in digits)
            {
                if (c == '_')
                {
                    continue;
                }

                var digit = c <= '9' ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10;
                real = (real * radix) + digit;
                if (fits && integer > (long.MaxValue - digit) / radix)
                {
                    fits = false;
                }

                integer = fits ? (integer * radix) + digit : 0;
            }

            return fits ? integer : (object)real;
        }

        private static bool IsAllDigits(string text, int start)
        {
            if (text.Length <= start)
            {
                return false;
            }

            for (var i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPhpIntegerKey(string key) =>
            (key == "0" || IntegerKey.IsMatch(key))
            && long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

        // Inline::isBinaryString: control characters other than NUL, BEL to CR and ESC.
        private static bool IsBinary(string value)
        {
            foreach (var c in value)
            {
                if ((c >= '\x01' && c <= '\x06') || (c >= '\x0e' && c <= '\x1a') || (c >= '\x1c' && c <= '\x1f'))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether YAML may hold the text as it is (YAML 1.2's printable set, tab and line breaks included). Symfony
        /// writes C1 controls and U+FFFE/U+FFFF raw, which a YAML 1.2 parser refuses; we escape them instead.
        /// </summary>
        public static bool IsPrintable(string value)
        {
            foreach (var c in value)
            {
                if (!IsPrintable(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPrintable(char c) =>
            c == '\t' || c == '\n' || c == '\r' || (c >= '\x20' && c <= '\x7e') || c == '\u0085' || (c >= '\u00a0' && c <= '\ufffd');

        private static bool RequiresDoubleQuotes(string value)
        {
            foreach (var c in value)
            {
                if (c <= '\x1f' || c == '\x7f' || c == '\u0085' || c == '\u00a0' || c == '\u2028' || c == '\u2029' || !IsPrintable(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static string DoubleQuoted(string value)
        {
            var quoted = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '\\': quoted.Append("\\\\"); break;
                    case '"': quoted.Append("\\\""); break;
                    case '\0': quoted.Append("\\0"); break;
                    case '\a': quoted.Append("\\a"); break;
                    case '\b': quoted.Append("\\b"); break;
                    case '\t': quoted.Append("\\t"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\v': quoted.Append("\\v"); break;
                    case '\f': quoted.Append("\\f"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\x1b': quoted.Append("\\e"); break;
                    case '\u0085': quoted.Append("\\N"); break;
                    case '\u00a0': quoted.Append("\\_"); break;
                    case '\u2028': quoted.Append("\\L"); break;
                    case '\u2029': quoted.Append("\\P"); break;
                    default:
                        if (c <= '\x1f' || (c >= '\x7f' && c <= '\x9f'))
                        {
                            quoted.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                        }
                        else if (!IsPrintable(c))
                        {
                            quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            quoted.Append(c);
                        }

                        break;
                }
            }

            return quoted.Append('"').ToString();
        }
    }
}
