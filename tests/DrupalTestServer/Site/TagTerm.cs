namespace DrupalTestServer.Site;

/// <summary>A term of the "tags" vocabulary.</summary>
public sealed record TagTerm(int Tid, string Name)
{
    public string Uuid => EntityUuid.Of(EntityUuid.Term, Tid);
}
