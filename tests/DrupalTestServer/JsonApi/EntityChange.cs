using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// What a POST or PATCH document sets on an entity: one change per field, in the document's order, made from the
/// values as they were read (deserialization), and the constraint violations found on them (validation).
/// </summary>
/// <param name="langcode">The translation the write goes to (the request's language prefix), whose values a PATCH compares.</param>
public sealed class EntityChange<T>(ResourceType type, string? uuid, string langcode)
    where T : class
{
    private readonly List<(ResourceField Field, string Member, Func<T, T> Apply)> changes = [];

    /// <summary>The client's own uuid for a new entity, if it gave one.</summary>
    public string? Uuid { get; } = uuid;

    public string Langcode { get; } = langcode;

    public WriteViolations Violations { get; } = new(type);

    public void Set(ResourceField field, string member, Func<T, T> apply) => changes.Add((field, member, apply));

    public bool Sets(string publicName) => changes.Any(change => change.Field.PublicName == publicName);

    public T ApplyTo(T entity) => changes.Aggregate(entity, (changed, change) => change.Apply(changed));

    /// <summary>
    /// EntityResource's field access: a field the caller may not edit is a 403 on POST; on PATCH only when its value
    /// changes (checkPatchFieldAccess lets a client send back what it read), unless nobody may ever set it.
    /// </summary>
    /// <param name="denied">Null when the caller may edit the field, else the access result's reason ("" for none).</param>
    public void CheckAccess(string method, T? old, Func<ResourceField, string?> denied, Func<ResourceField, bool> isReadOnly, ContentSnapshot content)
    {
        foreach (var (field, member, apply) in changes)
        {
            if (denied(field) is not { } reason || (old is not null && !isReadOnly(field) && Unchanged(field, old, apply(old), content)))
                continue;
            throw new JsonApiException(StatusCodes.Status403Forbidden,
                $"The current user is not allowed to {method} the selected field ({field.PublicName}).{(reason.Length > 0 ? " " + reason : "")}")
                { Pointer = $"/data/{member}/{field.PublicName}" };
        }
    }

    private bool Unchanged(ResourceField field, T old, T changed, ContentSnapshot content)
    {
        var (before, after) = (type.RowFor(old, Langcode), type.RowFor(changed, Langcode));
        return field switch
        {
            AttributeField attribute => SameValue(attribute.Value(before), attribute.Value(after)),
            RelationshipField relationship => relationship.Items(before, content).Select(i => i.Id).SequenceEqual(relationship.Items(after, content).Select(i => i.Id)),
            _ => false,
        };
    }

    /// <summary>Field values by what they hold: maps of properties (path, body) and lists (multi-value fields) member by member.</summary>
    private static bool SameValue(object? left, object? right) => (left, right) switch
    {
        (IReadOnlyDictionary<string, object?> l, IReadOnlyDictionary<string, object?> r) =>
            l.Count == r.Count && l.All(entry => r.TryGetValue(entry.Key, out var other) && SameValue(entry.Value, other)),
        (IReadOnlyList<object?> l, IReadOnlyList<object?> r) => l.Count == r.Count && l.Zip(r).All(pair => SameValue(pair.First, pair.Second)),
        _ => Equals(left, right),
    };
}
