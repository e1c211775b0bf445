namespace DrupalTestServer.JsonApi;

public enum EntityAccessKind
{
    Allowed,
    LabelOnly,
    Denied,
}
