namespace DrupalTestServer.JsonApi;

public enum JsonApiRouteKind
{
    Index,
    Collection,
    Individual,
    Related,
    Relationship,
}
