namespace DrupalTestServer.Control;

/// <summary>The JSON body of <c>POST /_test/content</c>.</summary>
public sealed class ContentRequest
{
    /// <summary>More than a test needs, few enough that a snapshot stays small.</summary>
    public const int MaxArticles = 100_000;

    public int? Articles { get; init; }

    /// <summary>Articles whose nid is a multiple of it are unpublished; 0 for none.</summary>
    public int UnpublishedEvery { get; init; }
}
