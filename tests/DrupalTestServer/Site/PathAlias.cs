namespace DrupalTestServer.Site;

/// <summary>An entity's path field: its alias, and the id of the path_alias entity that holds it (null until an alias is set).</summary>
public sealed record PathAlias(string? Alias, long? Pid)
{
    public static PathAlias None { get; } = new(null, null);
}
