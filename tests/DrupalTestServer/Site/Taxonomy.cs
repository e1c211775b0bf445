namespace DrupalTestServer.Site;

/// <summary>The site's one vocabulary, "tags", and its terms, as the standard install profile has them.</summary>
public static class Taxonomy
{
    public static Vocabulary Tags { get; } =
        new("tags", 1, "Tags", "Use tags to group articles on similar topics into categories.");

    public static IReadOnlyList<TagTerm> Terms { get; } =
        [new(1, "PowerShell"), new(2, "Drupal"), new(3, "Automation"), new(4, "JSON"), new(5, "OAuth")];

    public static TagTerm? Find(int tid) => tid >= 1 && tid <= Terms.Count ? Terms[tid - 1] : null;

    /// <summary>Term t is on the articles whose nid is a multiple of t + 1: some have several, some none (nid 1, 5, 7, …).</summary>
    public static IReadOnlyList<int> TagsOfArticle(int nid) => Terms.Where(t => nid % (t.Tid + 1) == 0).Select(t => t.Tid).ToArray();
}
