using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class EntityQueryTests
{
    private const string Article = "node--article";

    [Fact]
    public void A_plain_collection_read_has_no_parameters()
    {
        Assert.Empty(Collection(new EntityQuery("node", "article")));
    }

    [Fact]
    public void A_collection_read_sends_filter_sort_offset_limit_include_and_fields_in_that_order()
    {
        var query = new EntityQuery(
            "node",
            "article",
            filter: new Hashtable { ["status"] = 1 },
            sort: new[] { "-created", "title" },
            include: new[] { "uid", "field_tags" },
            property: new[] { "title", "created" });

        Assert.Equal(
            new[]
            {
                "filter[status]=1",
                "sort=-created,title",
                "page[offset]=100",
                "page[limit]=25",
                "include=uid,field_tags",
                "fields[node--article]=title,created",
            },
            Collection(query, limit: 25, offset: 100));
    }

    [Fact]
    public void No_offset_is_sent_for_the_first_item()
    {
        Assert.Equal(new[] { "page[limit]=5" }, Collection(new EntityQuery("node", "article"), limit: 5, offset: 0));
    }

    [Fact]
    public void A_single_resource_takes_no_filter_sort_or_page_but_keeps_include_and_fields()
    {
        var query = new EntityQuery("node", "article", new Hashtable { ["status"] = 1 }, new[] { "title" }, new[] { "uid" }, "title");

        Assert.Equal(
            new[] { "include=uid", "fields[node--article]=title" },
            query.Parameters(Article, collection: false, limit: 10, offset: 5).Select(Text));
    }

    [Fact]
    public void Names_given_with_commas_are_split_and_trimmed()
    {
        var query = new EntityQuery("node", "article", sort: new[] { "title, -created" }, include: new[] { " uid ,field_tags.vid" }, property: "title, created");

        Assert.Equal(new[] { "sort=title,-created", "include=uid,field_tags.vid", "fields[node--article]=title,created" }, Collection(query));
        Assert.Equal(new[] { "uid", "field_tags.vid" }, query.Include);
    }

    [Fact]
    public void Property_as_a_dictionary_gives_a_sparse_fieldset_per_resource_type()
    {
        var property = new OrderedDictionary { [Article] = new object[] { "title", "uid" }, ["user--user"] = "display_name" };

        Assert.Equal(
            new[] { "include=uid", "fields[node--article]=title,uid", "fields[user--user]=display_name" },
            Collection(new EntityQuery("node", "article", include: new[] { "uid" }, property: property)));
    }

    [Fact]
    public void Property_wrapped_in_a_PSObject_is_read_as_its_base_value()
    {
        var property = PSObject.AsPSObject(new object[] { PSObject.AsPSObject("title"), "created" });

        Assert.Equal(new[] { "fields[node--article]=title,created" }, Collection(new EntityQuery("node", "article", property: property)));
    }

    [Fact]
    public void Property_that_contains_itself_is_refused_not_followed()
    {
        var one = new object?[1];
        one[0] = one;
        var two = new object?[] { "title", null };
        two[1] = two;

        DrupalAssert.Fails("InvalidValue", () => Collection(new EntityQuery("node", "article", property: one)));
        Assert.Contains("-Property at '[1]' refers to itself", DrupalAssert.Fails("InvalidValue", () => Collection(new EntityQuery("node", "article", property: two))).Message);
    }

    [Fact]
    public void Property_names_that_are_tables_are_refused_not_sent_as_their_type_name()
    {
        var property = new OrderedDictionary { [Article] = new object[] { "title", new Hashtable() } };

        Assert.Contains("-Property at 'node--article[1]' is a list or table", DrupalAssert.Fails("InvalidValue", () => Collection(new EntityQuery("node", "article", property: property))).Message);
    }

    [Fact]
    public void The_entity_type_and_bundle_are_trimmed_and_a_blank_bundle_is_none()
    {
        var query = new EntityQuery(" node ", "  ");

        Assert.Equal("node", query.EntityType);
        Assert.Null(query.Bundle);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_entity_type_is_refused(string? entityType)
    {
        var e = DrupalAssert.Fails("InvalidEntityType", () => new EntityQuery(entityType));

        Assert.Equal(DrupalErrorCategory.InvalidArgument, e.Category);
        Assert.Contains("node--article", e.Message);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("pt-br")]
    [InlineData("zh-hans")]
    [InlineData("fil")]
    public void A_language_code_is_accepted(string language)
    {
        Assert.Equal(language, new EntityQuery("node", language: language).Language);
    }

    [Theory]
    [InlineData("e")]
    [InlineData("spanish")]
    [InlineData("es/")]
    [InlineData("es jsonapi")]
    [InlineData("../es")]
    public void What_is_not_a_language_code_is_refused(string language)
    {
        var e = DrupalAssert.Fails("InvalidLanguage", () => new EntityQuery("node", language: language));

        Assert.Contains($"-Language '{language}' is not a language code", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_page_size_below_one_is_refused(int pageSize)
    {
        Assert.Contains($"not {pageSize}", DrupalAssert.Fails("InvalidPageSize", () => new EntityQuery("node", pageSize: pageSize)).Message);
    }

    [Fact]
    public void An_empty_sort_field_is_refused_with_an_example()
    {
        var e = DrupalAssert.Fails("InvalidFieldName", () => new EntityQuery("node", sort: new[] { "title,," }));

        Assert.Contains("-Sort holds an empty name", e.Message);
        Assert.Contains("'title', '-created'", e.Message);
    }

    [Fact]
    public void An_empty_include_path_is_refused()
    {
        Assert.Contains("-Include holds an empty name", DrupalAssert.Fails("InvalidFieldName", () => new EntityQuery("node", include: new[] { "uid", " " })).Message);
    }

    [Fact]
    public void An_empty_property_is_refused_when_the_parameters_are_made()
    {
        var query = new EntityQuery("node", property: new Hashtable { ["user--user"] = "" });

        Assert.Contains("-Property holds an empty name", DrupalAssert.Fails("InvalidFieldName", () => Collection(query)).Message);
    }

    [Fact]
    public void A_wrong_filter_is_refused_when_the_query_is_made_before_anything_is_sent()
    {
        DrupalAssert.Fails("InvalidFilter", () => new EntityQuery("node", "article", new Hashtable { ["title"] = new Hashtable { ["operator"] = "LIKE", ["value"] = "x" } }));
    }

    [Fact]
    public void ChangedSince_is_a_filter_ANDed_with_the_others_and_sorts_by_changed_then_id()
    {
        var query = new EntityQuery("node", "article", filter: new Hashtable { ["status"] = 1 }, property: new[] { "title" }).ByChange(1_700_000_000);

        Assert.Equal(
            new[]
            {
                "filter[status]=1",
                "filter[changed-since][condition][path]=changed",
                "filter[changed-since][condition][operator]=>=",
                "filter[changed-since][condition][value]=1700000000",
                "sort=changed,id",
                "fields[node--article]=title,changed",
            },
            Collection(query));
    }

    [Fact]
    public void A_first_incremental_read_has_no_time_but_the_same_order()
    {
        Assert.Equal(new[] { "sort=changed,id" }, Collection(new EntityQuery("node", "article").ByChange(null)));
    }

    [Fact]
    public void ChangedSince_with_a_sort_of_the_users_own_is_refused()
    {
        var e = DrupalAssert.Fails("InvalidArgument", () => new EntityQuery("node", "article", sort: new[] { "title" }).ByChange(1));
        Assert.Contains("leave -Sort out", e.Message);
    }

    [Fact]
    public void The_id_read_keeps_the_filter_and_asks_only_for_changed_sorted_by_id()
    {
        var query = new EntityQuery("node", "article", filter: new Hashtable { ["status"] = 1 }, include: new[] { "uid" }, property: new[] { "title" }).IdsOnly();

        Assert.Equal(new[] { "filter[status]=1", "sort=id", "fields[node--article]=changed" }, Collection(query));
    }

    [Fact]
    public void A_look_at_ids_that_seem_gone_asks_for_them_alone()
    {
        var query = new EntityQuery("node", "article", filter: new Hashtable { ["status"] = 1 }).IdsOnly(new[] { "a", "b" });

        Assert.Equal(
            new[]
            {
                "filter[status]=1",
                "filter[ids-among][condition][path]=id",
                "filter[ids-among][condition][operator]=IN",
                "filter[ids-among][condition][value][]=a",
                "filter[ids-among][condition][value][]=b",
                "sort=id",
                "fields[node--article]=changed",
            },
            Collection(query));
    }

    [Fact]
    public void The_selection_hash_ignores_the_order_of_a_hashtable_and_tells_filters_apart()
    {
        var first = new OrderedDictionary { ["status"] = 1, ["promote"] = 1 };
        var reversed = new OrderedDictionary { ["promote"] = 1, ["status"] = 1 };

        Assert.Equal(new EntityQuery("node", "article", filter: first).Selection(Article), new EntityQuery("node", "article", filter: reversed).Selection(Article));
        Assert.NotEqual(new EntityQuery("node", "article", filter: first).Selection(Article), new EntityQuery("node", "article").Selection(Article));
        Assert.NotEqual(new EntityQuery("node", "article").Selection(Article), new EntityQuery("node", "article", language: "es").Selection(Article));
        Assert.Matches("^[0-9a-f]{32}$", new EntityQuery("node", "article").Selection(Article));
    }

    private static string[] Collection(EntityQuery query, int? limit = null, ulong offset = 0) =>
        query.Parameters(Article, collection: true, limit, offset).Select(Text).ToArray();

    private static string Text(KeyValuePair<string, string> pair) => pair.Key + "=" + pair.Value;
}
