using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>A condition or a group of a filter, evaluated on one row of an entity.</summary>
public interface IFilterMember
{
    bool Matches(EntityRow row, ContentSnapshot content, FilterGuard guard);
}
