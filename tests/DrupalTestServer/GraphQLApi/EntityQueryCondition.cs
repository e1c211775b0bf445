namespace DrupalTestServer.GraphQLApi;

/// <summary>One condition of an entity query filter, e.g. <c>{field: "type", value: ["article"]}</c>.</summary>
public sealed class EntityQueryCondition
{
    public string Field { get; set; } = "";

    public List<string?>? Value { get; set; }

    public QueryOperator Operator { get; set; } = QueryOperator.Equal;

    /// <summary>Accepted and ignored: the site has one language.</summary>
    public string? Language { get; set; }

    public bool? Enabled { get; set; }
}
