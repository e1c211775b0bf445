namespace DrupalTestServer.GraphQLApi;

/// <summary>The operators of Drupal GraphQL 3.x's entity query conditions that the test site supports.</summary>
public enum QueryOperator
{
    Equal,
    NotEqual,
    SmallerThan,
    GreaterThan,
    In,
    NotIn,
    Like,
}
