namespace DrupalTestServer.JsonApi;

/// <summary>
/// What the caller may see of an entity: all of it, only its label (users without "access user profiles"
/// see other users so), or nothing, with the reason Drupal's access handler gives (appended to the detail).
/// </summary>
public sealed record EntityAccess(EntityAccessKind Kind, string? Reason = null)
{
    public static EntityAccess Allowed { get; } = new(EntityAccessKind.Allowed);

    public static EntityAccess LabelOnly { get; } = new(EntityAccessKind.LabelOnly);

    public static EntityAccess Denied(string? reason = null) => new(EntityAccessKind.Denied, reason);
}
