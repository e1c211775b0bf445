using DrupalOAuth.GraphQL;
using Xunit;

namespace DrupalOAuth.Tests.GraphQL;

public sealed class GraphQLDocumentTests
{
    private const string QueryThenMutation = "query Articles { articles { total } }\nmutation Publish { publish(id: 1) { id } }";

    [Theory]
    [InlineData("{ a }")]
    [InlineData("query { a }")]
    [InlineData("query Q { a }")]
    [InlineData("query Q($first: Int = 10) { articles(first: $first) { total } }")]
    [InlineData("query Q($m: String = \"mutation\") { a }")]
    [InlineData("query Q($m: String = \"\"\"mutation { x }\"\"\") { a }")]
    [InlineData("fragment F on Query { a } query Q { ...F }")]
    [InlineData("query Q { ...F } fragment F on Mutation { a }")]
    [InlineData("{ mutation { a } }")]
    [InlineData("query Q { a(text: \"} mutation M { b\") }")]
    [InlineData("query Q { a(text: \"\\\" } mutation M { b\") }")]
    [InlineData("query Q { a(text: \"\"\"} mutation M { \"quoted\" \"\"\") }")]
    [InlineData("# mutation M { a }\nquery Q { a }")]
    [InlineData("query Q { # mutation M {\n a }")]
    [InlineData("query Q { a } # mutation M { b }")]
    [InlineData("\uFEFF,,query,Q,{,a,}")]
    [InlineData("query\r\n\tQ\r\n{\r\n\ta\r\n}")]
    [InlineData("query mutationCount { a }")]
    [InlineData("query Q @live { a }")]
    public void A_query_is_not_a_mutation(string document)
    {
        Assert.False(GraphQLDocument.IsMutation(document, null));
    }

    [Theory]
    [InlineData("mutation { a }")]
    [InlineData("mutation M { a }")]
    [InlineData("mutation M($input: ArticleInput!) { createArticle(input: $input) { id } }")]
    [InlineData("mutation{a}")]
    [InlineData("subscription { a }")]
    [InlineData("subscription S { a }")]
    [InlineData("\n\n  ,mutation\r\n\tM ,{ a }")]
    [InlineData("# a comment { }\nmutation M { a }")]
    [InlineData("# a comment { }\rmutation M { a }")]
    [InlineData("# a comment\r\nmutation M { a }")]
    [InlineData("fragment F on Mutation { a } mutation M { ...F }")]
    [InlineData("mutation M { a(text: \"query Q { b }\") }")]
    public void A_mutation_or_subscription_is_a_mutation(string document)
    {
        Assert.True(GraphQLDocument.IsMutation(document, null));
    }

    [Theory]
    [InlineData("Articles", false)]
    [InlineData("Publish", true)]
    public void With_several_operations_the_named_one_decides(string operationName, bool isMutation)
    {
        Assert.Equal(isMutation, GraphQLDocument.IsMutation(QueryThenMutation, operationName));
    }

    [Fact]
    public void With_several_operations_and_no_name_any_mutation_makes_it_one()
    {
        Assert.True(GraphQLDocument.IsMutation(QueryThenMutation, null));
        Assert.True(GraphQLDocument.IsMutation("mutation Publish { a } query Articles { b }", null));
        Assert.False(GraphQLDocument.IsMutation("query A { a } query B { b }", null));
    }

    [Fact]
    public void An_operation_name_that_matches_none_counts_any_mutation()
    {
        Assert.True(GraphQLDocument.IsMutation(QueryThenMutation, "Missing"));
        Assert.False(GraphQLDocument.IsMutation("query A { a } query B { b }", "Missing"));
    }

    [Fact]
    public void A_fragment_name_is_not_an_operation_name()
    {
        Assert.True(GraphQLDocument.IsMutation("fragment Articles on Query { a } mutation Publish { b }", "Articles"));
    }

    [Fact]
    public void A_block_string_does_not_end_at_an_escaped_triple_quote()
    {
        // The block string holds \"""{ and ends only at the """ before the ')'; a mutation follows it.
        const string document = "query Articles { a(text: \"\"\"\\\"\"\"{\"\"\") } mutation Publish { b }";

        Assert.True(GraphQLDocument.IsMutation(document, "Publish"));
        Assert.True(GraphQLDocument.IsMutation(document, null));
        Assert.False(GraphQLDocument.IsMutation(document, "Articles"));
    }

    [Theory]
    [InlineData("query ($after: Cursor) { nodeArticles(first: 10, after: $after) { nodes { title } } }", "after")]
    [InlineData("query Articles($offset: Int, $limit: Int = 50) { articles(offset: $offset, limit: $limit) { total } }", "offset limit")]
    [InlineData("query Q($ids: [ID!]!, $filter: Filter = {status: true}) { a(ids: $ids) }", "ids filter")]
    [InlineData("query Q(\n  $after: Cursor # the cursor\n  $first: Int\n) { a }", "after first")]
    [InlineData("query Q($after_2: Cursor) { a }", "after_2")]
    [InlineData("mutation M($input: ArticleInput!) { createArticle(input: $input) { id } }", "input")]
    public void DeclaredVariables_are_the_names_between_the_operations_parentheses(string document, string names)
    {
        Assert.Equal(names.Split(' ').Order(), GraphQLDocument.DeclaredVariables(document, null).Order());
    }

    [Theory]
    [InlineData("{ nodeArticles(first: 10, after: $after) { nodes { title } } }")]
    [InlineData("query { a(text: \"($after: Cursor)\") }")]
    [InlineData("query Q { a } # ($after: Cursor)")]
    [InlineData("fragment F on Query { a(after: $after) } query Q { ...F }")]
    [InlineData("")]
    public void Variables_used_but_not_declared_are_not_declared(string document)
    {
        Assert.Empty(GraphQLDocument.DeclaredVariables(document, null));
    }

    [Fact]
    public void DeclaredVariables_of_the_named_operation_or_else_of_the_first()
    {
        const string document = "query Plain { a } query Paged($after: Cursor) { b(after: $after) }";

        Assert.Equal(new[] { "after" }, GraphQLDocument.DeclaredVariables(document, "Paged"));
        Assert.Empty(GraphQLDocument.DeclaredVariables(document, "Plain"));
        Assert.Empty(GraphQLDocument.DeclaredVariables(document, null));
        Assert.Empty(GraphQLDocument.DeclaredVariables(document, "Missing"));
    }
}
