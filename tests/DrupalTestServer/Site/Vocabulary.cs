namespace DrupalTestServer.Site;

/// <summary>A taxonomy vocabulary, a config entity: its id is a machine name, its uuid numbered like the others.</summary>
public sealed record Vocabulary(string Vid, int Number, string Name, string Description)
{
    public string Uuid => EntityUuid.Of(EntityUuid.Vocabulary, Number);
}
