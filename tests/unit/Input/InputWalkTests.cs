using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Security;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Input;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Input;

/// <summary>
/// Every reader of what a user passes (-Filter, -Variables, -Body, -Attributes, -Relationships, -Query, -Headers)
/// goes through one walk: a value that contains itself, one nested without end, a secret, a script block or an
/// object with no text form is refused with InvalidValue, naming the parameter and the place.
/// </summary>
public sealed class InputWalkTests
{
    public static TheoryData<string, Action<object?>> Readers() => new()
    {
        { "-Filter", value => JsonApiFilter.ToQuery(new Hashtable { ["title"] = "x", ["or"] = value }) },
        { "-Variables", value => Support.Json.Write(new Hashtable { ["or"] = value }) },
        { "-Attributes", value => ResourceWriter.Attributes(new Hashtable { ["or"] = value }) },
        { "-Body", value => WriteBody(new Hashtable { ["or"] = value }) },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_table_that_contains_itself_is_refused_by_every_reader(string parameter, Action<object?> read)
    {
        var loop = new Hashtable { ["title"] = "x" };
        loop["or"] = loop;

        var e = DrupalAssert.Fails("InvalidValue", () => read(loop));

        Assert.StartsWith(parameter + " at 'or.or'", e.Message);
        Assert.Contains("refers to itself", e.Message);
        Assert.Contains("Nothing was sent", e.Message);
        Assert.Equal(DrupalErrorCategory.InvalidArgument, e.Category);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_chain_deeper_than_the_limit_is_refused_by_every_reader(string parameter, Action<object?> read)
    {
        var deep = new Hashtable { ["title"] = "x" };
        for (var i = 0; i < InputWalk.MaximumDepth + 5; i++)
        {
            deep = new Hashtable { ["or"] = deep };
        }

        var e = DrupalAssert.Fails("InvalidValue", () => read(deep));

        Assert.StartsWith(parameter, e.Message);
        Assert.Contains($"nested more than {InputWalk.MaximumDepth} levels", e.Message);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_secret_or_a_script_block_is_refused_never_sent_as_its_type_name(string parameter, Action<object?> read)
    {
        var secret = new SecureString();
        secret.AppendChar('s');
        foreach (var value in new object[] { secret, new PSCredential("u", secret), PSObject.AsPSObject(secret), ScriptBlock.Create("'x'"), PSObject.AsPSObject(ScriptBlock.Create("'x'")) })
        {
            var e = DrupalAssert.Fails("InvalidValue", () => read(value));

            Assert.StartsWith(parameter + " at 'or'", e.Message);
            Assert.DoesNotContain("System.Security.SecureString\"", e.Message);
        }
    }

    [Fact]
    public void A_filter_that_contains_itself_through_an_array_is_refused()
    {
        var filter = new Hashtable { ["title"] = "x" };
        filter["nid"] = new object[] { 1, filter };

        var e = DrupalAssert.Fails("InvalidValue", () => JsonApiFilter.ToQuery(filter));

        Assert.StartsWith("-Filter at 'nid[1]' refers to itself", e.Message);
    }

    [Fact]
    public void A_filter_that_contains_itself_through_a_nested_group_is_refused()
    {
        var inner = new Hashtable { ["status"] = 1 };
        var filter = new Hashtable { ["or"] = new Hashtable { ["and"] = inner, ["title"] = "x" } };
        inner["or"] = filter;

        var e = DrupalAssert.Fails("InvalidValue", () => JsonApiFilter.ToQuery(filter));

        Assert.StartsWith("-Filter at 'or.and.or' refers to itself", e.Message);
    }

    [Fact]
    public void A_condition_whose_value_contains_the_condition_is_refused()
    {
        var condition = new Hashtable { ["operator"] = "IN" };
        condition["value"] = new object[] { "a", condition };

        var e = DrupalAssert.Fails("InvalidValue", () => JsonApiFilter.ToQuery(new Hashtable { ["title"] = condition }));

        Assert.StartsWith("-Filter at 'title.value[1]' refers to itself", e.Message);
    }

    [Fact]
    public void A_table_where_a_filter_value_belongs_is_refused_not_sent_as_its_type_name()
    {
        var e = DrupalAssert.Fails("InvalidValue", () => JsonApiFilter.ToQuery(new Hashtable { ["nid"] = new object[] { 1, new Hashtable { ["a"] = 1 } } }));

        Assert.Contains("-Filter at 'nid[1]' is a list or table where a single value belongs", e.Message);
    }

    [Fact]
    public void A_PSCustomObject_that_contains_itself_is_refused()
    {
        var custom = new PSObject();
        custom.Properties.Add(new PSNoteProperty("title", "x"));
        custom.Properties.Add(new PSNoteProperty("self", custom));

        var e = DrupalAssert.Fails("InvalidValue", () => Support.Json.Write(new Hashtable { ["input"] = custom }));

        Assert.StartsWith("-Variables at 'input.self' refers to itself", e.Message);
    }

    [Fact]
    public void An_array_that_contains_itself_is_refused()
    {
        var list = new object?[2];
        list[0] = 1;
        list[1] = list;

        var e = DrupalAssert.Fails("InvalidValue", () => Support.Json.Write(list));

        Assert.StartsWith("-Variables at '[1]' refers to itself", e.Message);
    }

    [Fact]
    public void The_same_table_twice_side_by_side_is_no_loop()
    {
        var shared = new Hashtable { ["a"] = 1 };

        Assert.Equal("{\"x\":{\"a\":1},\"y\":[{\"a\":1},{\"a\":1}]}", Support.Json.Write(new System.Collections.Specialized.OrderedDictionary { ["x"] = shared, ["y"] = new[] { shared, shared } }));
    }

    [Fact]
    public void Sixty_four_levels_are_written_sixty_five_are_refused()
    {
        object value = 1;
        for (var i = 0; i < InputWalk.MaximumDepth; i++)
        {
            value = new[] { value };
        }

        Assert.Equal(new string('[', 64) + "1" + new string(']', 64), Support.Json.Write(value));
        DrupalAssert.Fails("InvalidValue", () => Support.Json.Write(new[] { value }));
    }

    [Fact]
    public void An_object_whose_text_is_its_type_name_is_refused()
    {
        var e = DrupalAssert.Fails("InvalidValue", () => Support.Json.Write(new Hashtable { ["who"] = new NetworkCredential("u", "p") }));

        Assert.Contains("-Variables at 'who' is a System.Net.NetworkCredential, which has no text form", e.Message);
    }

    [Fact]
    public void Objects_with_a_text_form_are_still_sent_as_their_text()
    {
        var id = Guid.Parse("00000001-d7a1-4c3e-9f00-000000000001");

        Assert.Equal("{\"id\":\"00000001-d7a1-4c3e-9f00-000000000001\",\"at\":\"https://example.com/\"}", Support.Json.Write(new System.Collections.Specialized.OrderedDictionary { ["id"] = id, ["at"] = new Uri("https://example.com/") }));
    }

    [Fact]
    public void Relationships_that_contain_themselves_are_refused()
    {
        var relationships = new Hashtable();
        relationships["field_tags"] = new object[] { relationships };

        var e = DrupalAssert.Fails("InvalidValue", () => RelationshipValue.ReadAll(relationships));

        Assert.StartsWith("-Relationships at 'field_tags[0]' refers to itself", e.Message);
    }

    [Fact]
    public void A_relationship_meta_that_contains_itself_is_refused()
    {
        var meta = new Hashtable { ["alt"] = "x" };
        meta["again"] = meta;
        var relationships = new Hashtable { ["field_image"] = new Hashtable { ["type"] = "file--file", ["id"] = "f", ["meta"] = meta } };

        var e = DrupalAssert.Fails("InvalidValue", () => RelationshipValue.ReadAll(relationships));

        Assert.StartsWith("-Relationships at 'field_image.meta.again' refers to itself", e.Message);
    }

    [Fact]
    public void A_relationship_id_that_is_a_table_is_refused_not_sent_as_its_type_name()
    {
        var e = DrupalAssert.Fails("InvalidValue", () => RelationshipValue.ReadAll(new Hashtable { ["uid"] = new Hashtable { ["type"] = "user--user", ["id"] = new Hashtable() } }));

        Assert.StartsWith("-Relationships at 'uid.id' is a list or table", e.Message);
    }

    [Fact]
    public void Query_and_header_values_go_through_the_same_walk()
    {
        var secret = new SecureString();
        var loop = new object?[1];
        loop[0] = loop;

        Assert.StartsWith("-Query at 'q'", DrupalAssert.Fails("InvalidValue", () => SitePath.Pairs(new Hashtable { ["q"] = secret }).ToList()).Message);
        Assert.StartsWith("-Query at 'q[0]' refers to itself", DrupalAssert.Fails("InvalidValue", () => SitePath.Pairs(new Hashtable { ["q"] = loop }).ToList()).Message);
        Assert.StartsWith("-Headers at 'X-A'", DrupalAssert.Fails("InvalidValue", () => new DrupalRequest("GET", "/x", headers: new Hashtable { ["X-A"] = secret })).Message);
        Assert.StartsWith("-Headers at 'X-A[0]' refers to itself", DrupalAssert.Fails("InvalidValue", () => new DrupalRequest("GET", "/x", headers: new Hashtable { ["X-A"] = loop })).Message);
    }

    private static byte[] WriteBody(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            DrupalOAuth.Json.JsonRequestWriter.WriteValue(writer, value, "-Body");
        }

        return buffer.ToArray();
    }
}
