namespace DrupalTestServer.Site;

/// <summary>A term of the "tags" vocabulary. <see cref="ParentTids"/> empty is a root term.</summary>
public sealed record TagTerm(int Tid, string Name)
{
    public string Uuid { get; init; } = EntityUuid.Of(EntityUuid.Term, Tid);

    public string? Description { get; init; }

    public string? DescriptionFormat { get; init; }

    public long Weight { get; init; }

    public bool Status { get; init; } = true;

    public IReadOnlyList<int> ParentTids { get; init; } = [];

    public PathAlias Path { get; init; } = PathAlias.None;

    /// <summary>The seeded terms changed an hour apart, before the first node.</summary>
    public long Changed { get; init; } = 1_699_000_000 + Tid * 3600L;
}
