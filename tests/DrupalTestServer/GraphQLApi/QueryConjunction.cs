namespace DrupalTestServer.GraphQLApi;

public enum QueryConjunction
{
    And,
    Or,
}
