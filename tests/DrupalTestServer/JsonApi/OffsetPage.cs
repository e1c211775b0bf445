using System.Globalization;

namespace DrupalTestServer.JsonApi;

/// <summary>The <c>page</c> parameter: <c>page[offset]</c> (default 0) and <c>page[limit]</c> (default and at most 50).</summary>
public sealed record OffsetPage(int Offset, int Limit)
{
    /// <summary>Drupal core's OffsetPage::SIZE_MAX; a larger limit is cut to it without a word.</summary>
    public const int MaxLimit = 50;

    public static OffsetPage Default { get; } = new(0, MaxLimit);

    /// <summary>A limit of 0 or less is refused later, by the pager (<see cref="CheckLimit"/>), as Drupal does.</summary>
    public static OffsetPage Parse(QueryValue? page)
    {
        if (page is null)
            return Default;
        if (!page.IsMap)
            throw JsonApiException.BadRequest("The page parameter needs to be an array.");
        var offset = page["offset"]?.Text is { } offsetText && int.TryParse(offsetText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given)
            ? Math.Max(given, 0)
            : 0;
        return new OffsetPage(offset, LimitOf(page["limit"]?.Text));
    }

    public void CheckLimit()
    {
        if (Limit <= 0)
            throw JsonApiException.BadRequest("The page size needs to be a positive integer.");
    }

    /// <summary>PHP compares a non-numeric limit with 50 as text: one that sorts after "50" becomes 50, any other is too small.</summary>
    private static int LimitOf(string? text)
    {
        if (text is null)
            return MaxLimit;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return (int)Math.Clamp(Math.Floor(number), 0, MaxLimit);
        return string.CompareOrdinal(text, "50") > 0 ? MaxLimit : 0;
    }
}
