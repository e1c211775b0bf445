using DrupalTestServer.OAuth;

namespace DrupalTestServer.JsonApi;

/// <summary>A field of a resource type, under its public (JSON:API) name and Drupal's internal one.</summary>
public abstract class ResourceField(string publicName, string internalName)
{
    public string PublicName { get; } = publicName;

    public string InternalName { get; } = internalName;

    /// <summary>
    /// Drupal's field view access: on an entity it decides whether the field is shown; without one (null), as when
    /// a filter or sort names the field, whether the caller may filter by it (403 otherwise).
    /// </summary>
    public Func<Caller, object?, bool> CanView { get; init; } = (_, _) => true;

    /// <summary>The first Drupal major version whose sites show the field (content_translation's, seen on Drupal 11); 0 for all.</summary>
    public int Since { get; init; }

    /// <summary>False for a value JSON:API computes that is no field of the entity (a user's display_name).</summary>
    public bool IsFilterable { get; init; } = true;
}
