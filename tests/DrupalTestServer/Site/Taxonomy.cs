namespace DrupalTestServer.Site;

/// <summary>The site's one vocabulary, "tags", and the terms it starts with (JSON:API writes add more until a reset).</summary>
public static class Taxonomy
{
    public static Vocabulary Tags { get; } =
        new("tags", 1, "Tags", "Use tags to group articles on similar topics into categories.");

    public static IReadOnlyList<TagTerm> SeedTerms { get; } =
        [new(1, "PowerShell"), new(2, "Drupal"), new(3, "Automation"), new(4, "JSON"), new(5, "OAuth")];

    /// <summary>Term t is on the articles whose nid is a multiple of t + 1: some have several, some none (nid 1, 5, 7, …).</summary>
    public static IReadOnlyList<int> TagsOfArticle(int nid) => SeedTerms.Where(t => nid % (t.Tid + 1) == 0).Select(t => t.Tid).ToArray();
}
