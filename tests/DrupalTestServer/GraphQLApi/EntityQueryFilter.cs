namespace DrupalTestServer.GraphQLApi;

/// <summary>A group of conditions and nested groups joined by one conjunction.</summary>
public sealed class EntityQueryFilter
{
    public QueryConjunction Conjunction { get; set; } = QueryConjunction.And;

    public List<EntityQueryCondition>? Conditions { get; set; }

    public List<EntityQueryFilter>? Groups { get; set; }
}
