namespace DrupalTestServer.Site;

/// <summary>A configurable_language config entity: the site's languages and the two locked ones every site has.</summary>
public sealed record SiteLanguage(string Id, int Number, string Label, long Weight, bool Locked)
{
    public string Uuid => EntityUuid.Of(EntityUuid.Language, Number);

    /// <summary>As the language module keeps them: English and Spanish, then the locked ones, which it moves last.</summary>
    public static IReadOnlyList<SiteLanguage> All { get; } =
    [
        new("en", 1, "English", 0, false),
        new("es", 2, "Spanish", 1, false),
        new("und", 3, "Not specified", 2, true),
        new("zxx", 4, "Not applicable", 3, true),
    ];
}
