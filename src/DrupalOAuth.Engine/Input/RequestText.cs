using System;
using System.Globalization;
using System.Text.RegularExpressions;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Input
{
    /// <summary>
    /// Text that goes into a request's first line or headers: header names and values, path segments such as ids,
    /// addresses. A CR or LF there would end the header and start another (or a second request, carrying the
    /// token), so such text is checked before anything is sent.
    /// </summary>
    internal static class RequestText
    {
        // RFC 7230 3.2.6: token = 1*tchar.
        private const string TokenSymbols = "!#$%&'*+-.^_`|~";

        // The start of an address up to its authority: an optional scheme and "//".
        private static readonly Regex Authority = new Regex(@"^\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//", RegexOptions.CultureInvariant);

        // user:pw@host, which the URI parser reads as the scheme "user".
        private static readonly Regex SchemeAndUser = new Regex(@"^\s*[A-Za-z][A-Za-z0-9+.\-]*:[^/?#]*@", RegexOptions.CultureInvariant);

        // The user information (RFC 3986 3.2.1) of an address the URI parser cannot read, up to the last '@', so
        // that a password with '@', '/' or '#' in it is removed whole.
        private static readonly Regex UserInformation = new Regex(@"^(\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//)?.*@", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>The position of the first control character (C0, DEL or C1), or -1; a tab counts when <paramref name="tabAllowed"/> is false.</summary>
        public static int ControlCharacterAt(string text, bool tabAllowed = false)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsControl(text[i]) && !(tabAllowed && text[i] == '\t'))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Describes the character at <paramref name="index"/> without printing it, as U+000D.</summary>
        public static string Describe(string text, int index) =>
            $"U+{(int)text[index]:X4} at position {(index + 1).ToString(CultureInfo.InvariantCulture)}";

        /// <summary>A header name: an RFC 7230 token (letters, digits and !#$%&amp;'*+-.^_`|~), nothing else.</summary>
        public static string HeaderName(string name, string parameter)
        {
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!(c < 0x80 && (char.IsLetterOrDigit(c) || TokenSymbols.IndexOf(c) >= 0)))
                {
                    throw InvalidHeader(
                        $"{parameter}: the header name '{Printable(name)}' holds {Describe(name, i)}, which a header name cannot hold; a name is letters, digits and !#$%&'*+-.^_`|~ only, such as X-Request-Id",
                        name);
                }
            }

            if (name.Length == 0)
            {
                throw InvalidHeader($"{parameter}: a header has an empty name; pass a name such as X-Request-Id", name);
            }

            return name;
        }

        /// <summary>
        /// A header value: printable ASCII, spaces and tabs, as HttpClient sends it; a CR, an LF or any other control
        /// character is refused, since it would end the header and let the rest pass for other headers or a request.
        /// </summary>
        public static string HeaderValue(string value, string name, string parameter)
        {
            var at = ControlCharacterAt(value, tabAllowed: true);
            for (var i = 0; at < 0 && i < value.Length; i++)
            {
                at = value[i] > 0x7E ? i : -1;
            }

            if (at >= 0)
            {
                throw InvalidHeader(
                    $"{parameter}: the value of the header '{name}' holds {Describe(value, at)}; a header value holds printable ASCII, spaces and tabs only (a CR or LF would end the header and start another)",
                    name);
            }

            return value;
        }

        /// <summary>
        /// One segment of a path, such as an entity id: not empty, not '.' or '..', and without '/', '\', '?', '#',
        /// an encoded slash or backslash, or a control character, any of which would address another resource.
        /// </summary>
        public static string Segment(string? value, string parameter, string errorId, string whatToPass)
        {
            var text = (value ?? string.Empty).Trim();
            var control = ControlCharacterAt(text);
            var why = text.Length == 0 ? "is empty"
                : text == "." || text == ".." ? "is a path step ('.' or '..'), which would address the collection or its parent"
                : control >= 0 ? $"holds a control character ({Describe(text, control)})"
                : text.IndexOfAny(new[] { '/', '\\', '?', '#' }) >= 0 ? "holds '/', '\\', '?' or '#', which would address another resource"
                : text.IndexOf("%2f", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("%5c", StringComparison.OrdinalIgnoreCase) >= 0 ? "holds an encoded slash or backslash (%2F, %5C), which would address another resource"
                : null;
            if (why != null)
            {
                throw new DrupalException(
                    errorId,
                    DrupalErrorCategory.InvalidArgument,
                    $"{parameter} '{Printable(text)}' {why}. Pass {whatToPass}. Nothing was sent.",
                    Printable(text));
            }

            return text;
        }

        /// <summary>
        /// Whether an address names a user or password before its host: http://user:pw@host/, also where it is
        /// malformed (http://user:p/w@host, user:pw@host). A '@' in the path or query of an address is data.
        /// </summary>
        public static bool HasUserInformation(string address)
        {
            var text = address.Trim();
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return !string.IsNullOrEmpty(uri.UserInfo);
            }

            var authority = Authority.Match(text);
            return authority.Success ? text.IndexOf('@', authority.Length) >= 0 : SchemeAndUser.IsMatch(text);
        }

        /// <summary>
        /// Text as it may be shown: an address without its user name and password, and control characters as
        /// \uXXXX, so that a message, a verbose line or an error's target never carries a password or a line break.
        /// </summary>
        public static string Printable(string text)
        {
            var shown = text;
            if (HasUserInformation(text))
            {
                shown = Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
                    ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
                    : UserInformation.Replace(text.Trim(), "$1");
            }

            return ControlCharacterAt(shown) < 0 ? shown : Regex.Replace(shown, @"\p{Cc}", c => $"\\u{(int)c.Value[0]:X4}");
        }

        private static DrupalException InvalidHeader(string message, string name) =>
            new DrupalException("InvalidHeader", DrupalErrorCategory.InvalidArgument, message + ". Nothing was sent.", Printable(name));
    }
}
