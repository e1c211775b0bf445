using DrupalOAuth.Content;
using Xunit;

namespace DrupalOAuth.Tests.Content;

public sealed class ContentGraphTests
{
    [Fact]
    public void References_come_from_entity_items_of_fields_and_translations_once_per_field()
    {
        var node = Sample.Entity("node", "n1");
        Sample.Field(node.Fields, "field_tags", Sample.Item("entity", "t1"), Sample.Item("entity", "t2"), Sample.Item("entity", "t1"));
        Sample.Field(node.Fields, "uid", Sample.Item("target_id", 1L));
        Sample.Field(node.Fields, "title", Sample.Item("value", "A"));
        node.Depends["t1"] = "taxonomy_term";
        var es = new ContentMap();
        Sample.Field(es, "field_tags", Sample.Item("entity", "t3"));
        node.Translations["es"] = es;

        var references = ContentGraph.References(node);

        Assert.Equal(
            new[] { "n1 field_tags -> taxonomy_term t1", "n1 field_tags ->  t2", "n1 translations.es.field_tags ->  t3" },
            references.Select(r => r.ToString()));
    }

    [Fact]
    public void Order_puts_what_is_referenced_first_and_keeps_input_order_among_the_independent()
    {
        var article = Sample.Entity("node", "a", ("field_image", "f"), ("field_tags", "t"));
        var other = Sample.Entity("node", "b");
        var term = Sample.Entity("taxonomy_term", "t");
        var file = Sample.Entity("file", "f");
        var last = Sample.Entity("node", "c");

        var graph = new ContentGraph(new[] { article, other, term, file, last });

        Assert.Equal(new[] { "f", "t", "a", "b", "c" }, graph.Order.Select(e => e.Uuid));
        Assert.Empty(graph.Deferred);
        Assert.Empty(graph.Missing);
        Assert.Equal(new[] { "f", "t" }, graph.DependenciesOf("a"));
        Assert.Empty(graph.DependenciesOf("b"));
    }

    [Fact]
    public void Without_references_the_order_is_the_input_order()
    {
        var entities = Enumerable.Range(0, 10).Select(i => Sample.Entity("node", "u" + (9 - i))).ToList();

        Assert.Equal(entities, new ContentGraph(entities).Order);
    }

    [Fact]
    public void An_entity_referencing_itself_is_written_first_without_that_reference()
    {
        var node = Sample.Entity("node", "a", ("field_related", "a"));

        var graph = new ContentGraph(new[] { node });

        Assert.Equal(new[] { "a" }, graph.Order.Select(e => e.Uuid));
        Assert.Equal("a field_related ->  a", Assert.Single(graph.Deferred).ToString());
        Assert.Empty(graph.DependenciesOf("a"));
        Assert.True(graph.IsDeferred(graph.Deferred[0]));
    }

    [Fact]
    public void Two_entities_referencing_each_other_defer_the_reference_that_closes_the_cycle()
    {
        var a = Sample.Entity("node", "a", ("field_related", "b"));
        var b = Sample.Entity("node", "b", ("field_related", "a"));

        var graph = new ContentGraph(new[] { a, b });

        Assert.Equal(new[] { "b", "a" }, graph.Order.Select(e => e.Uuid));
        Assert.Equal("b field_related ->  a", Assert.Single(graph.Deferred).ToString());
        Assert.Equal(new[] { "b" }, graph.DependenciesOf("a"));
        Assert.Empty(graph.DependenciesOf("b"));

        // The same input in the other order breaks the cycle at the other end, as deterministically.
        var reversed = new ContentGraph(new[] { b, a });
        Assert.Equal(new[] { "a", "b" }, reversed.Order.Select(e => e.Uuid));
        Assert.Equal("a field_related ->  b", Assert.Single(reversed.Deferred).ToString());
    }

    [Fact]
    public void A_term_parent_chain_that_loops_through_three_terms_defers_one_parent()
    {
        var t1 = Sample.Entity("taxonomy_term", "t1", ("parent", "t2"));
        var t2 = Sample.Entity("taxonomy_term", "t2", ("parent", "t3"));
        var t3 = Sample.Entity("taxonomy_term", "t3", ("parent", "t1"));

        var graph = new ContentGraph(new[] { t1, t2, t3 });

        Assert.Equal(new[] { "t3", "t2", "t1" }, graph.Order.Select(e => e.Uuid));
        Assert.Equal("t3 parent ->  t1", Assert.Single(graph.Deferred).ToString());
        AssertEveryNonDeferredReferenceComesFirst(graph);
    }

    [Fact]
    public void Every_reference_to_an_entity_on_the_cycle_is_deferred_in_each_field()
    {
        var a = Sample.Entity("node", "a", ("field_related", "b"));
        var b = Sample.Entity("node", "b", ("field_related", "a"), ("field_see_also", "a"));

        var graph = new ContentGraph(new[] { a, b });

        Assert.Equal(new[] { "b field_related ->  a", "b field_see_also ->  a" }, graph.Deferred.Select(r => r.ToString()));
    }

    [Fact]
    public void References_outside_the_graph_are_missing_and_do_not_hold_the_order()
    {
        var node = Sample.Entity("node", "a", ("uid", "user-1"), ("field_tags", "t"));
        node.Depends["user-1"] = "user";
        node.Depends["media-9"] = "media";

        var graph = new ContentGraph(new[] { node });

        Assert.Equal(new[] { "a" }, graph.Order.Select(e => e.Uuid));
        Assert.Equal(
            new[] { "a uid -> user user-1", "a field_tags ->  t", "a _meta.depends -> media media-9" },
            graph.Missing.Select(r => r.ToString()));
        Assert.Empty(graph.DependenciesOf("a"));
    }

    [Fact]
    public void Depends_without_a_field_item_still_orders_the_entities()
    {
        var node = Sample.Entity("node", "a");
        node.Depends["t"] = "taxonomy_term";
        var term = Sample.Entity("taxonomy_term", "t");

        var graph = new ContentGraph(new[] { node, term });

        Assert.Equal(new[] { "t", "a" }, graph.Order.Select(e => e.Uuid));
        Assert.Equal(new[] { "t" }, graph.DependenciesOf("a"));
    }

    [Fact]
    public void A_second_entity_with_the_same_uuid_is_left_out()
    {
        var first = Sample.Entity("node", "a");

        var graph = new ContentGraph(new[] { first, Sample.Entity("node", "a") });

        Assert.Same(first, Assert.Single(graph.Order));
    }

    [Fact]
    public void A_chain_of_20000_entities_is_ordered_without_recursion()
    {
        // Each references the next, the last none: the order is the input reversed, and a recursive walk would overflow.
        const int count = 20000;
        var entities = Enumerable.Range(0, count)
            .Select(i => i == count - 1 ? Sample.Entity("node", "n" + i) : Sample.Entity("node", "n" + i, ("field_next", "n" + (i + 1))))
            .ToList();
        entities[count - 1] = Sample.Entity("node", "n" + (count - 1), ("field_next", "n0"));

        var graph = new ContentGraph(entities);

        Assert.Equal(count, graph.Order.Count);
        Assert.Equal("n" + (count - 1), graph.Order[0].Uuid);
        Assert.Equal("n0", graph.Order[count - 1].Uuid);
        Assert.Equal($"n{count - 1} field_next ->  n0", Assert.Single(graph.Deferred).ToString());
        AssertEveryNonDeferredReferenceComesFirst(graph);
    }

    private static void AssertEveryNonDeferredReferenceComesFirst(ContentGraph graph)
    {
        var position = graph.Order.Select((e, i) => (e.Uuid, i)).ToDictionary(p => p.Uuid, p => p.i);
        foreach (var entity in graph.Order)
        {
            foreach (var dependency in graph.DependenciesOf(entity.Uuid))
            {
                Assert.True(position[dependency] < position[entity.Uuid], $"{dependency} after {entity.Uuid}");
            }
        }
    }
}

/// <summary>Entities in core's default-content shape, small enough to read in a test.</summary>
internal static class Sample
{
    public static ContentEntity Entity(string type, string uuid, params (string Field, string Target)[] references)
    {
        var entity = new ContentEntity(type, uuid, type == "file" ? null : type, type == "file" ? null : "en");
        foreach (var group in references.GroupBy(r => r.Field))
        {
            Field(entity.Fields, group.Key, group.Select(r => Item("entity", r.Target)).ToArray());
        }

        return entity;
    }

    public static ContentMap Item(params object?[] keysAndValues)
    {
        var item = new ContentMap();
        for (var i = 0; i < keysAndValues.Length; i += 2)
        {
            item[(string)keysAndValues[i]!] = keysAndValues[i + 1];
        }

        return item;
    }

    public static void Field(ContentMap fields, string name, params ContentMap[] items) => fields[name] = items.Cast<object?>().ToList();
}
