using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;

namespace DrupalOAuth.Errors
{
    /// <summary>
    /// Takes the client secrets and access tokens the module holds out of text that may quote a server: a server
    /// that echoes its request puts them into <c>error_description</c>, a JSON <c>message</c>, a JSON:API
    /// <c>detail</c>, an HTML title, a <c>WWW-Authenticate</c> header or a GraphQL error. Each value is found as it
    /// is and in every encoding an echo may use, even mixed within one value: URL-encoded (<c>%20</c> or <c>+</c>,
    /// upper or lower hex), JSON-escaped (<c>\u002f</c>, <c>\/</c>) and as HTML character references.
    /// </summary>
    /// <remarks>
    /// The places that know a value register it (the token provider, for a connection's secret while the connection
    /// is open and for each token it is given); the cmdlets apply it where messages become error records, warnings
    /// and log lines. A value no longer held is still scrubbed among the last <see cref="RetiredCapacity"/> ones, so
    /// that the error of a connection that failed to open, written after the connection was dropped, is scrubbed too.
    /// </remarks>
    public sealed class SecretScrubber
    {
        /// <summary>What stands in a message where a secret or token was.</summary>
        public const string Redacted = "[redacted]";

        /// <summary>How many released values are still scrubbed.</summary>
        internal const int RetiredCapacity = 64;

        // Shorter values would blank out ordinary words and numbers of every message; no real secret is this short.
        internal const int MinimumLength = 4;

        private readonly object _gate = new object();
        private readonly Dictionary<string, int> _held = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly LinkedList<string> _retired = new LinkedList<string>();

        // One pattern a value, made at its first use and kept while the value is known, so that a token's renewal costs
        // only its own pattern (measured: one pattern of all values, remade at each renewal, took 1.5 s for 65 tokens).
        private readonly Dictionary<string, Lazy<Regex>> _patterns = new Dictionary<string, Lazy<Regex>>(StringComparer.Ordinal);

        // Longest first, so that a value containing another (the Basic credentials, a token) is taken out whole.
        // Replaced whole under the lock, read without it.
        private volatile Lazy<Regex>[] _known = Array.Empty<Lazy<Regex>>();

        /// <summary>The one scrubber of the process, which every connection and cmdlet uses.</summary>
        public static SecretScrubber Shared { get; } = new SecretScrubber();

        /// <summary>Whether the text holds any value this scrubber knows, in any of its encodings.</summary>
        public bool Reveals(string? text) => text != null && _known.Any(pattern => pattern.Value.IsMatch(text));

        /// <summary>The text with each known value replaced by <see cref="Redacted"/>; the same instance when there was none.</summary>
        public string Scrub(string text)
        {
            foreach (var pattern in _known)
            {
                text = pattern.Value.Replace(text, Redacted);
            }

            return text;
        }

        private bool KnowsNone => _known.Length == 0;

        /// <summary>
        /// The error with its message, target, data and further errors scrubbed, keeping its ErrorId and category; an
        /// inner exception whose text reveals a value is left out. The same instance when nothing needed scrubbing.
        /// </summary>
        public DrupalException Scrub(DrupalException exception)
        {
            if (KnowsNone)
            {
                return exception;
            }

            var message = Scrub(exception.Message);
            var target = ScrubValue(exception.Target);
            var further = exception.FurtherErrors.Select(Scrub).ToList();
            var inner = exception.InnerException switch
            {
                DrupalException drupal => Scrub(drupal),
                Exception other when Reveals(other.ToString()) => null,
                var other => other,
            };
            var data = exception.Data.Cast<DictionaryEntry>().Select(entry => new DictionaryEntry(entry.Key, ScrubValue(entry.Value))).ToList();
            if (ReferenceEquals(message, exception.Message)
                && ReferenceEquals(target, exception.Target)
                && ReferenceEquals(inner, exception.InnerException)
                && further.Where((error, i) => !ReferenceEquals(error, exception.FurtherErrors[i])).Count() == 0
                && data.All(entry => ReferenceEquals(entry.Value, exception.Data[entry.Key])))
            {
                return exception;
            }

            var scrubbed = new DrupalException(exception.ErrorId, exception.Category, message, target, inner, further);
            foreach (var entry in data)
            {
                scrubbed.Data[entry.Key] = entry.Value;
            }

            return scrubbed;
        }

        /// <summary>
        /// A value from a server (a string, an error object, a PSCustomObject, a dictionary or array of them) with
        /// every known value taken out; a copy only where something was, else the value itself.
        /// </summary>
        public object? ScrubValue(object? value)
        {
            if (KnowsNone)
            {
                return value;
            }

            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return Scrub(text);
                case IServerText quoted:
                    return quoted.ScrubbedBy(this);
                case PSObject wrapped when wrapped.BaseObject is PSCustomObject:
                    return ScrubObject(wrapped);
                case PSObject wrapped:
                    var inner = ScrubValue(wrapped.BaseObject);
                    return ReferenceEquals(inner, wrapped.BaseObject) ? wrapped : inner;
                case IDictionary dictionary:
                    return ScrubDictionary(dictionary);
                case object?[] array:
                    var items = array.Select(ScrubValue).ToArray();
                    return items.Where((item, i) => !ReferenceEquals(item, array[i])).Any() ? items : array;
                case IConvertible _:
                    // Numbers, booleans and dates hold no secret.
                    return value;
                default:
                    // Anything else (a URI, an object a future error carries) counts as its text.
                    var shown = Convert.ToString(value, CultureInfo.InvariantCulture);
                    return Reveals(shown) ? Scrub(shown!) : value;
            }
        }

        /// <summary>One more holder of the value: it is scrubbed from now on.</summary>
        internal void Hold(string value)
        {
            if (value.Length < MinimumLength)
            {
                return;
            }

            lock (_gate)
            {
                _held[value] = _held.TryGetValue(value, out var count) ? count + 1 : 1;
                if (_retired.Remove(value) || count == 0)
                {
                    Rebuild();
                }
            }
        }

        /// <summary>A holder lets go; with the last one the value joins the retired ones, the oldest of which are forgotten.</summary>
        internal void Release(string value)
        {
            if (value.Length < MinimumLength)
            {
                return;
            }

            lock (_gate)
            {
                if (!_held.TryGetValue(value, out var count))
                {
                    return;
                }

                if (count > 1)
                {
                    _held[value] = count - 1;
                    return;
                }

                _held.Remove(value);
                _retired.AddFirst(value);
                while (_retired.Count > RetiredCapacity)
                {
                    _retired.RemoveLast();
                }

                Rebuild();
            }
        }

        /// <summary>
        /// The pattern of one value: each character as itself or in any encoding an echo may give it. Letters, digits
        /// and <c>-._~</c> only as themselves: no URL, JSON or HTML encoder escapes them.
        /// </summary>
        internal static string PatternOf(string value)
        {
            var pattern = new StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                var length = char.IsSurrogatePair(value, i) ? 2 : 1;
                var character = value.Substring(i, length);
                var codePoint = char.ConvertToUtf32(value, i);
                if (IsUnreserved(character[0]))
                {
                    pattern.Append(Regex.Escape(character));
                    continue;
                }

                pattern.Append("(?:").Append(Regex.Escape(character));

                // URL-encoded, a percent sign and two hex digits per UTF-8 byte; a space also as '+'.
                pattern.Append("|(?i:");
                foreach (var b in Encoding.UTF8.GetBytes(character))
                {
                    pattern.Append('%').Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                pattern.Append(')');
                if (character == " ")
                {
                    pattern.Append(@"|\+");
                }

                // JSON-escaped, \uXXXX per UTF-16 unit, or the short escapes.
                pattern.Append(@"|(?i:");
                foreach (var unit in character)
                {
                    pattern.Append(@"\\u").Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture));
                }

                pattern.Append(')');
                if (character == "\"" || character == "\\" || character == "/")
                {
                    pattern.Append(@"|\\").Append(Regex.Escape(character));
                }

                // An HTML character reference, decimal or hex, and the named ones of HTML's special characters.
                pattern.Append("|&#0*").Append(codePoint.ToString(CultureInfo.InvariantCulture)).Append(';')
                    .Append("|(?i:&#x0*").Append(codePoint.ToString("x", CultureInfo.InvariantCulture)).Append(";)");
                var named = System.Net.WebUtility.HtmlEncode(character);
                if (named != character && named.StartsWith("&", StringComparison.Ordinal) && !named.StartsWith("&#", StringComparison.Ordinal))
                {
                    pattern.Append('|').Append(Regex.Escape(named));
                }

                pattern.Append(')');
                i += length - 1;
            }

            return pattern.ToString();
        }

        private static bool IsUnreserved(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

        // Called under the lock; readers see the old list or the new one, never half of one.
        private void Rebuild()
        {
            var values = _held.Keys.Concat(_retired).Distinct(StringComparer.Ordinal).ToList();
            foreach (var forgotten in _patterns.Keys.Except(values, StringComparer.Ordinal).ToList())
            {
                _patterns.Remove(forgotten);
            }

            foreach (var value in values.Where(value => !_patterns.ContainsKey(value)))
            {
                _patterns[value] = new Lazy<Regex>(() => new Regex(PatternOf(value), RegexOptions.CultureInvariant));
            }

            _known = values.OrderByDescending(value => value.Length).Select(value => _patterns[value]).ToArray();
        }

        private object ScrubObject(PSObject value)
        {
            var properties = value.Properties.Select(property => (property.Name, Old: property.Value, New: ScrubValue(property.Value))).ToList();
            if (properties.All(p => ReferenceEquals(p.Old, p.New)))
            {
                return value;
            }

            var copy = new PSObject();
            foreach (var (name, _, scrubbed) in properties)
            {
                copy.Properties.Add(new PSNoteProperty(Scrub(name), scrubbed));
            }

            return copy;
        }

        private object ScrubDictionary(IDictionary dictionary)
        {
            var entries = dictionary.Cast<DictionaryEntry>().ToList();
            var scrubbed = entries.Select(entry => new DictionaryEntry(ScrubValue(entry.Key)!, ScrubValue(entry.Value))).ToList();
            if (scrubbed.Select((entry, i) => ReferenceEquals(entry.Key, entries[i].Key) && ReferenceEquals(entry.Value, entries[i].Value)).All(same => same))
            {
                return dictionary;
            }

            var copy = new OrderedDictionary();
            foreach (var entry in scrubbed)
            {
                copy[entry.Key] = entry.Value;
            }

            return copy;
        }
    }
}
