namespace DrupalTestServer.GraphQLApi;

public sealed class EntityQuerySort
{
    public string Field { get; set; } = "";

    public SortOrder Direction { get; set; } = SortOrder.Desc;
}
