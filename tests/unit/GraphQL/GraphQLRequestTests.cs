using System.Collections;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.GraphQL;

public sealed class GraphQLRequestTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    public void An_empty_query_is_refused(string? query)
    {
        var e = DrupalAssert.Fails("EmptyQuery", () => new GraphQLRequest(query));

        Assert.Equal(DrupalOAuth.Errors.DrupalErrorCategory.InvalidArgument, e.Category);
    }

    [Fact]
    public void Keeps_the_query_the_variables_and_the_operation_name()
    {
        var variables = new Hashtable { ["first"] = 10 };
        var request = new GraphQLRequest("query Articles { articles { total } }", variables, "Articles");

        Assert.Equal("query Articles { articles { total } }", request.Query);
        Assert.Same(variables, request.Variables);
        Assert.Equal("Articles", request.OperationName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_operation_name_is_no_operation_name(string? operationName)
    {
        Assert.Null(new GraphQLRequest("{ articles { total } }", null, operationName).OperationName);
    }
}
