using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>A filter group: its members joined by AND or OR. An empty group restricts nothing.</summary>
public sealed class FilterGroup(bool isOr, IReadOnlyList<IFilterMember> members) : IFilterMember
{
    public bool Matches(EntityRow row, ContentSnapshot content, FilterGuard guard) =>
        members.Count == 0 || (isOr ? members.Any(m => m.Matches(row, content, guard)) : members.All(m => m.Matches(row, content, guard)));
}
