using System.Management.Automation;
using System.Text.Json;
using DrupalOAuth.JsonApi;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class ResourceFlattenerTests
{
    private const string Own = "a0000001-d7a1-4c3e-9f00-000000000001";
    private const string Other = "a0000002-d7a1-4c3e-9f00-000000000002";

    [Theory]
    [InlineData("{\"id\":\"" + Other + "\",\"type\":\"user--user\",\"title\":\"T\"}", "{}", "attribute")]
    [InlineData("{\"title\":\"T\"}", "{\"id\":{\"data\":{\"type\":\"user--user\",\"id\":\"" + Other + "\"}},\"type\":{\"data\":{\"type\":\"user--user\",\"id\":\"" + Other + "\"}}}", "relationship")]
    public void The_resources_own_id_and_type_win_over_fields_of_that_name(string attributes, string relationships, string kind)
    {
        using var document = JsonDocument.Parse("{\"data\":[{\"type\":\"node--article\",\"id\":\"" + Own + "\",\"attributes\":" + attributes + ",\"relationships\":" + relationships + "}]}");

        var flat = new ResourceFlattener(document.RootElement, Array.Empty<string>()).Flatten(document.RootElement.GetProperty("data")[0]);

        Assert.Equal(Own, flat.Properties["id"].Value);
        Assert.Equal("node--article", flat.Properties["type"].Value);
        Assert.Equal(Other, flat.Properties[kind + "_id"].Value);
        Assert.NotNull(flat.Properties[kind + "_type"]);
        Assert.Equal("DrupalOAuth.Entity#node--article", flat.TypeNames[0]);
    }
}
