using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>The resource types the site exposes, as the index lists them.</summary>
public static class ResourceTypes
{
    public const string UserTypeName = "user--user";
    public const string FileTypeName = "file--file";
    public const string TermTypeName = "taxonomy_term--tags";
    public const string VocabularyTypeName = "taxonomy_vocabulary--taxonomy_vocabulary";

    /// <summary>Sorted by name.</summary>
    public static IReadOnlyList<ResourceType> All { get; } = new ResourceType[]
    {
        new LanguageResourceType(),
        new FileResourceType(),
        new NodeResourceType(ContentStore.ArticleBundle, 1),
        new NodeResourceType(ContentStore.PageBundle, 2),
        new TermResourceType(),
        new VocabularyResourceType(),
        new UserResourceType(),
    }.OrderBy(type => type.TypeName, StringComparer.Ordinal).ToArray();

    private static readonly Dictionary<string, ResourceType> ByName = All.ToDictionary(type => type.TypeName, StringComparer.Ordinal);

    public static ResourceType? Find(string typeName) => ByName.GetValueOrDefault(typeName);

    /// <summary>By the path <c>/jsonapi/{entity type}/{bundle}</c>, case-insensitively as Drupal matches paths.</summary>
    public static ResourceType? FindByPath(string entityTypeId, string bundle) =>
        All.FirstOrDefault(type => type.EntityTypeId.Equals(entityTypeId, StringComparison.OrdinalIgnoreCase)
            && type.Bundle.Equals(bundle, StringComparison.OrdinalIgnoreCase));
}
