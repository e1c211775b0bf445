namespace DrupalTestServer.JsonApi;

/// <summary>
/// The constraint violations of one write, gathered as Drupal's entity validation gathers them: all of them, in the
/// order of the type's fields, answered together as one 422 with an error object (and a pointer) each.
/// </summary>
public sealed class WriteViolations(ResourceType type)
{
    private readonly List<(int Order, JsonApiException Violation)> found = [];

    public int Count => found.Count;

    public void Add(string field, string detail, string member = "attributes")
    {
        var order = type.Fields.Select((f, index) => (f.PublicName, index)).FirstOrDefault(f => f.PublicName == field).index;
        found.Add((order, new JsonApiException(StatusCodes.Status422UnprocessableEntity, detail) { Pointer = $"/data/{member}/{field}" }));
    }

    /// <summary>PrimitiveTypeConstraint, on the item at <paramref name="delta"/>.</summary>
    public void PrimitiveType(string field, int delta) => Add(field, $"{field}.{delta}.value: This value should be of the correct primitive type.");

    public void NotNull(string field) => Add(field, $"{field}: This value should not be null.");

    public void ThrowIfAny()
    {
        if (found.Count == 0)
            return;
        var violations = found.OrderBy(f => f.Order).Select(f => f.Violation).ToArray();
        throw violations.Length == 1
            ? violations[0]
            : new JsonApiException(StatusCodes.Status422UnprocessableEntity, violations[0].Message) { Pointer = violations[0].Pointer, Violations = violations };
    }
}
