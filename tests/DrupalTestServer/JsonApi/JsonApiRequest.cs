using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>What answering one JSON:API request needs: the caller, the content at this moment, its language, links, parameters.</summary>
/// <param name="drupal">The Drupal major version the site answers as.</param>
public sealed class JsonApiRequest(Caller caller, ContentSnapshot content, JsonApiPath path, LinkBuilder links, int drupal)
{
    public int Drupal { get; } = drupal;

    public Caller Caller { get; } = caller;

    public ContentSnapshot Content { get; } = content;

    public string Langcode => path.Langcode;

    public LinkBuilder Links { get; } = links;

    public QueryValue Query => Links.Query;

    /// <summary>What the caller may not see, gathered from the primary data and the includes.</summary>
    public OmittedItems Omitted { get; } = new();

    /// <summary><c>fields[TYPE]=a,b</c>: the fields each type shows, when given.</summary>
    public IReadOnlyList<string>? SparseFieldset(ResourceType type) =>
        Query["fields"]?[type.TypeName]?.Text is { } names ? names.Split(',').Select(name => name.Trim()).ToArray() : null;

    public EntityAccess AccessTo(ResourceType type, object entity) => type.ViewAccess(entity, Caller);

    public EntityRow RowOf(ResourceType type, object entity) => type.RowFor(entity, Langcode);
}
