namespace DrupalTestServer.GraphQLApi;

public enum SortOrder
{
    Asc,
    Desc,
}
