using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class JsonApiFilterTests
{
    [Fact]
    public void No_filter_gives_no_parameters()
    {
        Assert.Empty(JsonApiFilter.ToQuery(null));
        Assert.Empty(JsonApiFilter.ToQuery(new Hashtable()));
    }

    [Fact]
    public void A_plain_value_is_Drupals_short_form()
    {
        Assert.Equal(new[] { "filter[title]=Article 7" }, Pairs(new Hashtable { ["title"] = "Article 7" }));
    }

    [Fact]
    public void A_path_through_a_relationship_keeps_its_dots()
    {
        Assert.Equal(new[] { "filter[uid.name]=editor3" }, Pairs(new Hashtable { ["uid.name"] = "editor3" }));
    }

    [Theory]
    [InlineData(true, "1")]
    [InlineData(false, "0")]
    public void A_boolean_is_sent_as_1_or_0(bool value, string sent)
    {
        Assert.Equal(new[] { "filter[status]=" + sent }, Pairs(new Hashtable { ["status"] = value }));
    }

    [Fact]
    public void An_explicit_equals_operator_is_the_short_form_too()
    {
        Assert.Equal(new[] { "filter[title]=x" }, Pairs(Condition("title", "=", "x")));
    }

    [Theory]
    [InlineData("<>", "Article 7")]
    [InlineData(">", 1700000000)]
    [InlineData(">=", 1700000000)]
    [InlineData("<", 1700000000)]
    [InlineData("<=", 1700000000)]
    [InlineData("STARTS_WITH", "Art")]
    [InlineData("CONTAINS", "icle")]
    [InlineData("ENDS_WITH", " 7")]
    public void An_operator_with_one_value_is_the_long_form_with_path_operator_and_value(string op, object value)
    {
        Assert.Equal(
            new[]
            {
                "filter[title][condition][path]=title",
                "filter[title][condition][operator]=" + op,
                "filter[title][condition][value]=" + value,
            },
            Pairs(Condition("title", op, value)));
    }

    [Theory]
    [InlineData("IN", new object[] { "a", "b", "c" })]
    [InlineData("NOT IN", new object[] { "a", "b" })]
    [InlineData("BETWEEN", new object[] { 1700000000, 1800000000 })]
    [InlineData("NOT BETWEEN", new object[] { 1700000000, 1800000000 })]
    public void An_operator_with_several_values_sends_each_as_value_brackets(string op, object[] values)
    {
        Assert.Equal(
            new[] { "filter[created][condition][path]=created", "filter[created][condition][operator]=" + op }
                .Concat(values.Select(v => "filter[created][condition][value][]=" + v)),
            Pairs(Condition("created", op, values)));
    }

    [Fact]
    public void IN_with_a_single_value_still_sends_a_list()
    {
        Assert.Equal(
            new[] { "filter[nid][condition][path]=nid", "filter[nid][condition][operator]=IN", "filter[nid][condition][value][]=7" },
            Pairs(Condition("nid", "IN", 7)));
    }

    [Theory]
    [InlineData("IS NULL")]
    [InlineData("IS NOT NULL")]
    public void An_operator_without_a_value_sends_no_value(string op)
    {
        var condition = new Hashtable { ["field_image"] = new Hashtable { ["operator"] = op } };

        Assert.Equal(new[] { "filter[field_image][condition][path]=field_image", "filter[field_image][condition][operator]=" + op }, Pairs(condition));
    }

    [Fact]
    public void An_explicit_null_value_is_allowed_with_IS_NULL()
    {
        Assert.Equal(2, Pairs(Condition("field_image", "IS NULL", null)).Length);
    }

    [Theory]
    [InlineData("contains", "CONTAINS", "x")]
    [InlineData("Starts_With", "STARTS_WITH", "x")]
    [InlineData("not in", "NOT IN", new object[] { 1, 2 })]
    [InlineData("  is   not\tnull ", "IS NOT NULL", null)]
    [InlineData("not between", "NOT BETWEEN", new object[] { 1, 2 })]
    public void Operator_names_are_case_insensitive_and_spaced_freely(string given, string sent, object? value)
    {
        Assert.Contains("filter[f][condition][operator]=" + sent, Pairs(Condition("f", given, value)));
    }

    [Fact]
    public void An_array_means_IN()
    {
        Assert.Equal(
            new[]
            {
                "filter[drupal_internal__nid][condition][path]=drupal_internal__nid",
                "filter[drupal_internal__nid][condition][operator]=IN",
                "filter[drupal_internal__nid][condition][value][]=1",
                "filter[drupal_internal__nid][condition][value][]=2",
                "filter[drupal_internal__nid][condition][value][]=3",
            },
            Pairs(new Hashtable { ["drupal_internal__nid"] = new object[] { 1, 2, 3 } }));
    }

    [Fact]
    public void An_array_of_booleans_is_sent_as_1_and_0()
    {
        Assert.Equal(new[] { "1", "0" }, Values(Pairs(new Hashtable { ["status"] = new object[] { true, false } })));
    }

    [Fact]
    public void Values_wrapped_in_PSObjects_are_read_as_their_base_values()
    {
        var filter = new Hashtable { ["status"] = PSObject.AsPSObject(true), ["nid"] = PSObject.AsPSObject(new object[] { PSObject.AsPSObject(4), 5 }) };

        var pairs = Pairs(filter);

        Assert.Contains("filter[status]=1", pairs);
        Assert.Contains("filter[nid][condition][value][]=4", pairs);
        Assert.Contains("filter[nid][condition][value][]=5", pairs);
    }

    [Fact]
    public void Null_means_IS_NULL()
    {
        Assert.Equal(
            new[] { "filter[field_image][condition][path]=field_image", "filter[field_image][condition][operator]=IS NULL" },
            Pairs(new Hashtable { ["field_image"] = null }));
    }

    [Fact]
    public void Path_names_the_field_so_that_two_conditions_can_filter_one_field()
    {
        var filter = new OrderedDictionary
        {
            ["from"] = new Hashtable { ["path"] = "created", ["operator"] = ">=", ["value"] = 1700000000 },
            ["to"] = new Hashtable { ["path"] = "created", ["operator"] = "<", ["value"] = 1800000000 },
        };

        Assert.Equal(
            new[]
            {
                "filter[from][condition][path]=created",
                "filter[from][condition][operator]=>=",
                "filter[from][condition][value]=1700000000",
                "filter[to][condition][path]=created",
                "filter[to][condition][operator]=<",
                "filter[to][condition][value]=1800000000",
            },
            Pairs(filter));
    }

    [Fact]
    public void An_equals_condition_under_a_label_names_its_path()
    {
        var filter = new Hashtable { ["mine"] = new Hashtable { ["path"] = "uid.name", ["value"] = "editor3" } };

        Assert.Equal(
            new[] { "filter[mine][condition][path]=uid.name", "filter[mine][condition][operator]==", "filter[mine][condition][value]=editor3" },
            Pairs(filter));
    }

    [Fact]
    public void A_condition_named_with_brackets_gets_a_name_without_them()
    {
        Assert.Equal("filter[body_value_][condition][path]=body[value]", Pairs(Condition("body[value]", "CONTAINS", "x"))[0]);
    }

    [Fact]
    public void Several_conditions_are_joined_by_AND_as_Drupal_does_by_default()
    {
        var filter = new OrderedDictionary { ["status"] = 1, ["promote"] = true, ["title"] = new Hashtable { ["operator"] = "CONTAINS", ["value"] = "x" } };

        Assert.Equal(
            new[]
            {
                "filter[status]=1",
                "filter[promote]=1",
                "filter[title][condition][path]=title",
                "filter[title][condition][operator]=CONTAINS",
                "filter[title][condition][value]=x",
            },
            Pairs(filter));
    }

    [Fact]
    public void An_OR_group_names_its_conjunction_and_each_member_says_it_is_a_member()
    {
        var filter = new Hashtable { ["or"] = new OrderedDictionary { ["title"] = "x", ["status"] = 0 } };

        Assert.Equal(
            new[]
            {
                "filter[or_group][group][conjunction]=OR",
                "filter[title][condition][path]=title",
                "filter[title][condition][operator]==",
                "filter[title][condition][value]=x",
                "filter[title][condition][memberOf]=or_group",
                "filter[status][condition][path]=status",
                "filter[status][condition][operator]==",
                "filter[status][condition][value]=0",
                "filter[status][condition][memberOf]=or_group",
            },
            Pairs(filter));
    }

    [Theory]
    [InlineData("and", "AND")]
    [InlineData("AND", "AND")]
    [InlineData("Or", "OR")]
    public void The_group_keys_are_case_insensitive(string key, string conjunction)
    {
        var pairs = Pairs(new Hashtable { [key] = new Hashtable { ["title"] = "x" } });

        Assert.Equal($"filter[{conjunction.ToLowerInvariant()}_group][group][conjunction]={conjunction}", pairs[0]);
    }

    [Fact]
    public void A_group_inside_a_group_is_a_member_of_it()
    {
        var filter = new Hashtable
        {
            ["and"] = new OrderedDictionary
            {
                ["status"] = true,
                ["or"] = new OrderedDictionary { ["title"] = new Hashtable { ["operator"] = "STARTS_WITH", ["value"] = "Art" }, ["promote"] = true },
            },
        };

        Assert.Equal(
            new[]
            {
                "filter[and_group][group][conjunction]=AND",
                "filter[status][condition][path]=status",
                "filter[status][condition][operator]==",
                "filter[status][condition][value]=1",
                "filter[status][condition][memberOf]=and_group",
                "filter[or_group][group][conjunction]=OR",
                "filter[or_group][group][memberOf]=and_group",
                "filter[title][condition][path]=title",
                "filter[title][condition][operator]=STARTS_WITH",
                "filter[title][condition][value]=Art",
                "filter[title][condition][memberOf]=or_group",
                "filter[promote][condition][path]=promote",
                "filter[promote][condition][operator]==",
                "filter[promote][condition][value]=1",
                "filter[promote][condition][memberOf]=or_group",
            },
            Pairs(filter));
    }

    [Fact]
    public void Two_groups_of_one_conjunction_and_one_field_in_both_get_names_of_their_own()
    {
        var filter = new OrderedDictionary
        {
            ["or"] = new Hashtable { ["title"] = "a" },
            ["and"] = new Hashtable { ["or"] = new Hashtable { ["title"] = "b" } },
        };

        var names = Pairs(filter).Select(p => p[..p.IndexOf('=')]).Where(n => n.EndsWith("[conjunction]") || n.EndsWith("[path]")).ToArray();

        Assert.Equal(
            new[]
            {
                "filter[or_group][group][conjunction]",
                "filter[title][condition][path]",
                "filter[and_group][group][conjunction]",
                "filter[or_group_2][group][conjunction]",
                "filter[title_2][condition][path]",
            },
            names);
        Assert.Contains("filter[title_2][condition][memberOf]=or_group_2", Pairs(filter));
    }

    [Fact]
    public void A_field_whose_name_a_group_would_take_keeps_it()
    {
        var filter = new OrderedDictionary { ["or_group"] = "x", ["or"] = new Hashtable { ["title"] = "a" } };

        var pairs = Pairs(filter);

        Assert.Equal("filter[or_group]=x", pairs[0]);
        Assert.Equal("filter[or_group_2][group][conjunction]=OR", pairs[1]);
        Assert.Equal("filter[title][condition][memberOf]=or_group_2", pairs[^1]);
    }

    [Fact]
    public void Dates_are_sent_in_ISO_8601()
    {
        var filter = Condition("created", ">", new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero));

        Assert.Contains("filter[created][condition][value]=2026-01-01T00:01:00+00:00", Pairs(filter));
    }

    [Theory]
    [InlineData("IS NULL", "IS NULL")]
    [InlineData("is not null", "IS NOT NULL")]
    public void A_value_with_IS_NULL_or_IS_NOT_NULL_is_refused_showing_the_form_without_a_value(string given, string op)
    {
        var e = Refused(Condition("field_image", given, "x"));

        Assert.Contains($"'{op}' (for 'field_image') takes no value", e.Message);
        Assert.Contains($"Write it as @{{ field_image = @{{ operator = '{op}' }} }}", e.Message);
    }

    [Theory]
    [InlineData("BETWEEN", null)]
    [InlineData("BETWEEN", 1)]
    [InlineData("BETWEEN", 3)]
    [InlineData("NOT BETWEEN", null)]
    public void BETWEEN_without_exactly_two_values_is_refused_showing_the_low_and_high_form(string op, int? listOf)
    {
        object value = listOf is int count ? Enumerable.Range(1700000000, count).Cast<object>().ToArray() : 1700000000;

        var e = Refused(Condition("created", op, value));

        Assert.Contains($"'{op}' (for 'created') takes exactly two values, the low and the high end", e.Message);
        Assert.Contains($"Write it as @{{ created = @{{ operator = '{op}'; value = 1700000000, 1800000000 }} }}", e.Message);
    }

    [Fact]
    public void An_unknown_operator_is_refused_listing_Drupals_operators()
    {
        var e = Refused(Condition("title", "ABOUT", "x"));

        Assert.Contains("'ABOUT' (for 'title') is not an operator Drupal's JSON:API accepts.", e.Message);
        Assert.Contains("The operators are: =, <>, >, >=, <, <=, STARTS_WITH, CONTAINS, ENDS_WITH, IN, NOT IN, BETWEEN, NOT BETWEEN, IS NULL, IS NOT NULL", e.Message);
        Assert.Contains("Write it as @{ title = @{ operator = 'CONTAINS'; value = 'x' } }", e.Message);
    }

    [Fact]
    public void Not_equal_written_as_bang_equals_is_refused_pointing_at_the_diamond()
    {
        Assert.Contains("For 'not equal', Drupal's operator is '<>'.", Refused(Condition("title", "!=", "x")).Message);
    }

    [Theory]
    [InlineData("LIKE")]
    [InlineData("like")]
    public void LIKE_is_refused_pointing_at_CONTAINS_STARTS_WITH_and_ENDS_WITH(string op)
    {
        var e = Refused(Condition("title", op, "%x%"));

        Assert.Contains($"'{op}' (for 'title')", e.Message);
        Assert.Contains("For LIKE, use CONTAINS, STARTS_WITH or ENDS_WITH.", e.Message);
    }

    [Fact]
    public void An_unknown_member_of_a_condition_is_refused_naming_the_members_it_takes()
    {
        var e = Refused(new Hashtable { ["title"] = new Hashtable { ["op"] = "CONTAINS", ["value"] = "x" } });

        Assert.Contains("'title' has a member 'op'; a condition takes only operator, value and path", e.Message);
        Assert.Contains("Write it as @{ title = @{ operator = 'CONTAINS'; value = 'x' } }", e.Message);
    }

    [Theory]
    [InlineData("or", "OR")]
    [InlineData("and", "AND")]
    public void An_empty_group_is_refused(string key, string conjunction)
    {
        var e = Refused(new Hashtable { [key] = new Hashtable() });

        Assert.Contains($"the {conjunction} group is empty", e.Message);
        Assert.Contains($"Write it as @{{ {key} = @{{ title = 'x'; status = 0 }} }}", e.Message);
    }

    [Fact]
    public void An_empty_group_inside_a_group_is_refused()
    {
        Assert.Contains("the OR group is empty", Refused(new Hashtable { ["and"] = new Hashtable { ["or"] = new OrderedDictionary() } }).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_field_name_is_refused(string key)
    {
        Assert.Contains("a condition has an empty field name", Refused(new Hashtable { [key] = "x" }).Message);
    }

    [Fact]
    public void An_empty_array_is_refused_as_IN_without_values()
    {
        var e = Refused(new Hashtable { ["nid"] = Array.Empty<object>() });

        Assert.Contains("'IN' (for 'nid') needs one or more values", e.Message);
        Assert.Contains("value = 'a', 'b'", e.Message);
    }

    [Fact]
    public void Several_values_for_a_one_value_operator_are_refused_pointing_at_IN()
    {
        var e = Refused(Condition("title", "CONTAINS", new object[] { "a", "b" }));

        Assert.Contains("'CONTAINS' (for 'title') takes one value, not 2; for any of several values use IN", e.Message);
        Assert.Contains("Write it as @{ title = @{ operator = 'IN'; value = 'a', 'b' } }", e.Message);
    }

    [Fact]
    public void A_one_item_array_for_a_one_value_operator_is_its_one_value()
    {
        Assert.Contains("filter[title][condition][value]=a", Pairs(Condition("title", "CONTAINS", new object[] { "a" })));
    }

    [Fact]
    public void An_operator_that_needs_a_value_without_one_is_refused_pointing_at_IS_NULL()
    {
        var e = Refused(new Hashtable { ["title"] = new Hashtable { ["operator"] = ">" } });

        Assert.Contains("'>' (for 'title') needs a value; for an empty field use IS NULL", e.Message);
    }

    [Theory]
    [InlineData("path", "title")]
    [InlineData(null, null)]
    public void A_condition_with_neither_operator_nor_value_is_refused(string? member, string? value)
    {
        var condition = member == null ? new Hashtable() : new Hashtable { [member] = value };

        Refused(new Hashtable { ["x"] = condition });
    }

    [Fact]
    public void A_refusal_is_an_invalid_argument_that_says_nothing_was_sent()
    {
        var e = Refused(Condition("title", "LIKE", "x"));

        Assert.Equal(DrupalErrorCategory.InvalidArgument, e.Category);
        Assert.StartsWith("-Filter: ", e.Message);
        Assert.EndsWith("Nothing was sent.", e.Message);
    }

    [Fact]
    public void A_refusal_deep_inside_a_group_refuses_the_whole_filter()
    {
        Refused(new Hashtable { ["or"] = new OrderedDictionary { ["title"] = "x", ["and"] = new Hashtable { ["created"] = new Hashtable { ["operator"] = "!=", ["value"] = 1 } } } });
    }

    private static Hashtable Condition(string field, string op, object? value) =>
        new() { [field] = new Hashtable { ["operator"] = op, ["value"] = value } };

    /// <summary>The query pairs as name=value, unencoded, in order.</summary>
    private static string[] Pairs(IDictionary filter) => JsonApiFilter.ToQuery(filter).Select(p => p.Key + "=" + p.Value).ToArray();

    private static string[] Values(IEnumerable<string> pairs) =>
        pairs.Where(p => p.Contains("[value]")).Select(p => p[(p.IndexOf('=') + 1)..]).ToArray();

    private static DrupalException Refused(IDictionary filter) => DrupalAssert.Fails("InvalidFilter", () => JsonApiFilter.ToQuery(filter));
}
