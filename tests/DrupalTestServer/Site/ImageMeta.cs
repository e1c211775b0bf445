namespace DrupalTestServer.Site;

/// <summary>
/// The properties an image field item keeps besides its file, as JSON:API shows them in the relationship's meta and
/// takes them from it on a write. A width or height left empty is the file's own (ImageItem::preSave measures it).
/// </summary>
public sealed record ImageMeta(string? Alt, string? Title, long? Width, long? Height)
{
    /// <summary>An item written without meta: Drupal then keeps no alt or title.</summary>
    public static ImageMeta None { get; } = new(null, null, null, null);
}
