namespace DrupalTestServer.GraphQLApi;

/// <summary>A GraphQL object type for one node bundle, so that connection types can be generic over it.</summary>
public interface IBundleGraphType
{
    static abstract string TypeName { get; }

    static abstract string Bundle { get; }
}
