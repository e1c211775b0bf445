namespace DrupalTestServer.JsonApi;

/// <summary>An entity with what the caller may see of it, as Drupal's EntityAccessChecker hands it on.</summary>
public sealed record CheckedResource(ResourceType Type, object Entity, EntityAccess Access)
{
    public string Uuid => Type.UuidOf(Entity);
}
