namespace DrupalTestServer.JsonApi;

/// <summary>
/// A field shown under <c>attributes</c>. Its value is a string, a number, a bool, a <see cref="Timestamp"/>, null,
/// or for a field of several properties (body, path) a map of them, which filters must name one of.
/// </summary>
public sealed class AttributeField(string publicName, string internalName, Func<EntityRow, object?> value, IReadOnlyList<string>? properties = null)
    : ResourceField(publicName, internalName)
{
    /// <summary>The properties of a field that has several, in their order; null for a single-property field.</summary>
    public IReadOnlyList<string>? Properties { get; } = properties;

    public object? Value(EntityRow row) => value(row);
}
