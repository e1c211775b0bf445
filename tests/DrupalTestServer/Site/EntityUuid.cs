namespace DrupalTestServer.Site;

/// <summary>
/// Uuids that follow from an entity's id, so that tests can predict them: <c>0000000N-KIND-4c3e-9f00-00000000000N</c>,
/// the id in hex (8 and 12 digits), with a second group per entity type.
/// </summary>
public static class EntityUuid
{
    public const string Node = "d7a1";
    public const string User = "05e4";
    public const string Term = "7a95";
    public const string File = "f11e";
    public const string Vocabulary = "70cb";
    public const string NodeType = "7e9e";
    public const string Language = "1a96";

    public static string Of(string kind, long id) => $"{id:x8}-{kind}-4c3e-9f00-{id:x12}";
}
