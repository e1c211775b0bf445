using DrupalTestServer.OAuth;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// JSON:API's TemporaryQueryGuard for one caller: a filtered query only finds the entities the caller may find,
/// of the resource type itself and of every type a filter path goes through.
/// </summary>
public sealed class FilterGuard(Caller caller)
{
    private readonly Dictionary<ResourceType, Func<object, bool>?> filterable = [];

    /// <summary>Null when the caller may filter among all of the type's entities.</summary>
    public Func<object, bool>? For(ResourceType type)
    {
        if (!filterable.TryGetValue(type, out var allowed))
            filterable[type] = allowed = type.FilterableBy(caller);
        return allowed;
    }
}
