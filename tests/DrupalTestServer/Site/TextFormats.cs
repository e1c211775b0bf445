namespace DrupalTestServer.Site;

/// <summary>The text formats of the standard profile, which a formatted text field's <c>format</c> must name.</summary>
public static class TextFormats
{
    public const string BasicHtml = "basic_html";

    public static IReadOnlyList<string> All { get; } = [BasicHtml, "restricted_html", "full_html", "plain_text"];

    /// <summary>
    /// The HTML formats let the site's own markup through; plain_text, and no format at all (the fallback format),
    /// escape it. Close enough to Drupal's filters for a client, which never writes <c>processed</c>.
    /// </summary>
    public static string Processed(string value, string? format) =>
        format is null or "plain_text" ? System.Net.WebUtility.HtmlEncode(value) : value;
}
