using DrupalOAuth.Content;
using Xunit;
using static DrupalOAuth.Tests.Content.Sample;

namespace DrupalOAuth.Tests.Content;

public sealed class ContentComparerTests
{
    private static ContentEntity Article(string uuid, string title, params (string Field, ContentMap[] Items)[] fields)
    {
        var entity = new ContentEntity("node", uuid, "article", "en");
        Field(entity.Fields, "title", Item("value", title));
        foreach (var field in fields)
        {
            Field(entity.Fields, field.Field, field.Items);
        }

        return entity;
    }

    private static ContentEntity File(string uuid, string filename, string? hash, string uri, long size = 10)
    {
        var entity = new ContentEntity("file", uuid, null, "en") { FileHash = hash };
        Field(entity.Fields, "filename", Item("value", filename));
        Field(entity.Fields, "uri", Item("value", uri));
        Field(entity.Fields, "filemime", Item("value", "image/png"));
        Field(entity.Fields, "filesize", Item("value", size));
        Field(entity.Fields, "uid", Item("entity", "user-" + uuid));
        return entity;
    }

    private static List<ContentDifference> Compare(IEnumerable<ContentEntity> reference, IEnumerable<ContentEntity> difference, bool includeEqual = false, params string[] exclude) =>
        new ContentComparer(exclude, includeEqual).Compare(reference.ToList(), difference.ToList()).ToList();

    private static string Line(ContentDifference d) =>
        $"{d.SideIndicator} {d.EntityType} {d.Uuid}" + (d.Field == null ? string.Empty : $" {d.Field}: {d.ReferenceValue ?? "-"} | {d.DifferenceValue ?? "-"}");

    [Fact]
    public void A_site_compared_with_a_folder_reads_the_folder_s_translation_languages_and_none_when_it_has_none()
    {
        var spanish = Article("n1", "One");
        spanish.Translations["es"] = new ContentMap();
        var both = Article("n2", "Two");
        both.Translations["fr"] = new ContentMap();
        both.Translations["es"] = new ContentMap();

        Assert.Equal(new[] { "es", "fr" }, ContentComparer.TranslationLanguages(new[] { spanish, both, Article("n3", "Three") }));
        Assert.Null(ContentComparer.TranslationLanguages(new[] { Article("n3", "Three") }));
    }

    [Fact]
    public void A_folder_s_users_are_left_out_as_a_site_side_reads_none_unless_they_are_compared_on_purpose()
    {
        var folder = new[] { Article("n1", "One"), new ContentEntity("user", "u1", null, "en"), Article("n2", "Two") };

        Assert.Equal(new[] { "n1", "n2" }, ContentComparer.AsSiteReads(folder, includeUsers: false).Select(e => e.Uuid));
        Assert.Equal(new[] { "n1", "u1", "n2" }, ContentComparer.AsSiteReads(folder, includeUsers: true).Select(e => e.Uuid));
    }

    [Theory]
    [InlineData("user", true)]
    [InlineData("user--user", true)]
    [InlineData("user_role", false)]
    [InlineData("user_role--user_role", false)]
    [InlineData("node", false)]
    [InlineData(null, false)]
    public void A_site_side_that_reads_users_compares_the_folder_s_users_and_one_that_reads_user_roles_does_not(string? entityType, bool compared)
    {
        var folder = new[] { Article("n1", "One"), new ContentEntity("user", "u1", null, "en") };

        Assert.Equal(compared, ContentComparer.AsSiteReads(folder, includeUsers: false, entityType).Any(e => e.Uuid == "u1"));
        Assert.Contains(ContentComparer.AsSiteReads(folder, includeUsers: true, entityType), e => e.Uuid == "u1");
    }

    [Fact]
    public void Entities_match_by_uuid_and_those_on_one_side_only_say_which()
    {
        var differences = Compare(new[] { Article("a", "A"), Article("b", "B") }, new[] { Article("b", "B"), Article("c", "C") }, includeEqual: true);

        Assert.Equal(new[] { "<= node a", "== node b", "=> node c" }, differences.Select(Line));
        Assert.Equal("A", differences[0].Label);
        Assert.Equal("article", differences[0].Bundle);
    }

    [Fact]
    public void Equal_entities_are_written_only_with_include_equal()
    {
        Assert.Empty(Compare(new[] { Article("a", "A") }, new[] { Article("a", "A") }));
    }

    [Fact]
    public void Each_differing_field_is_one_difference_with_both_values_rendered()
    {
        var reference = Article("a", "Old", ("body", new[] { Item("value", "<p>x</p>", "format", "basic_html") }), ("status", new[] { Item("value", true) }));
        var difference = Article("a", "New", ("body", new[] { Item("value", "<p>y</p>", "format", "basic_html") }), ("status", new[] { Item("value", true) }));

        var differences = Compare(new[] { reference }, new[] { difference }, includeEqual: true);

        Assert.Equal(
            new[]
            {
                "<> node a body: [{value: '<p>x</p>', format: 'basic_html'}] | [{value: '<p>y</p>', format: 'basic_html'}]",
                "<> node a title: [{value: 'Old'}] | [{value: 'New'}]",
            },
            differences.Select(Line));
        Assert.All(differences, d => Assert.Equal("Old", d.Label));
    }

    [Fact]
    public void A_field_absent_on_one_side_equals_an_empty_one_and_differs_from_one_with_items()
    {
        var reference = Article("a", "A", ("field_tags", Array.Empty<ContentMap>()), ("field_note", new[] { Item("value", "n") }));
        var difference = Article("a", "A", ("field_other", Array.Empty<ContentMap>()));

        Assert.Equal(new[] { "<> node a field_note: [{value: 'n'}] | -" }, Compare(new[] { reference }, new[] { difference }).Select(Line));
    }

    [Fact]
    public void Numbers_compare_by_value_booleans_as_booleans_and_strings_exactly()
    {
        var reference = Article("a", "A",
            ("field_count", new[] { Item("value", 1L) }),
            ("field_rating", new[] { Item("value", 2.5) }),
            ("status", new[] { Item("value", true) }),
            ("field_code", new[] { Item("value", "1") }),
            ("field_name", new[] { Item("value", "Ab") }));
        var difference = Article("a", "A",
            ("field_count", new[] { Item("value", 1.0) }),
            ("field_rating", new[] { Item("value", 2.5) }),
            ("status", new[] { Item("value", true) }),
            ("field_code", new[] { Item("value", 1L) }),
            ("field_name", new[] { Item("value", "ab") }));

        Assert.Equal(
            new[] { "<> node a field_code: [{value: '1'}] | [{value: 1}]", "<> node a field_name: [{value: 'Ab'}] | [{value: 'ab'}]" },
            Compare(new[] { reference }, new[] { difference }).Select(Line));
    }

    [Fact]
    public void A_property_absent_from_an_item_equals_null_but_the_order_of_items_counts()
    {
        var reference = Article("a", "A", ("path", new[] { Item("langcode", "en", "alias", null) }), ("field_tags", new[] { Item("entity", "t1"), Item("entity", "t2") }));
        var difference = Article("a", "A", ("path", new[] { Item("langcode", "en") }), ("field_tags", new[] { Item("entity", "t2"), Item("entity", "t1") }));

        Assert.Equal(
            new[] { "<> node a field_tags: [{entity: 't1'}, {entity: 't2'}] | [{entity: 't2'}, {entity: 't1'}]" },
            Compare(new[] { reference }, new[] { difference }).Select(Line));
    }

    [Fact]
    public void Bookkeeping_fields_are_ignored_by_default_and_exclude_field_leaves_out_more()
    {
        var reference = Article("a", "A", ("uid", new[] { Item("entity", "u1") }));
        var difference = Article("a", "A", ("uid", new[] { Item("entity", "u2") }));
        foreach (var field in ContentComparer.IgnoredFields)
        {
            Field(reference.Fields, field, Item("value", "reference"));
            Field(difference.Fields, field, Item("value", "difference"));
        }

        Assert.Equal(new[] { "<> node a uid: [{entity: 'u1'}] | [{entity: 'u2'}]" }, Compare(new[] { reference }, new[] { difference }).Select(Line));
        Assert.Empty(Compare(new[] { reference }, new[] { difference }, false, "UID"));
        Assert.Contains("revision_uid", ContentComparer.IgnoredFields);
        Assert.Contains("content_translation_outdated", ContentComparer.IgnoredFields);
    }

    [Fact]
    public void Translations_are_compared_per_language_and_named_by_it()
    {
        var reference = Article("a", "A");
        var es = new ContentMap();
        Field(es, "title", Item("value", "A es"));
        reference.Translations["es"] = es;
        var fr = new ContentMap();
        Field(fr, "title", Item("value", "A fr"));
        reference.Translations["fr"] = fr;
        var difference = Article("a", "A");
        var es2 = new ContentMap();
        Field(es2, "title", Item("value", "A español"));
        difference.Translations["es"] = es2;

        Assert.Equal(
            new[] { "<> node a translations.es.title: [{value: 'A es'}] | [{value: 'A español'}]", "<> node a translations.fr: {title: [{value: 'A fr'}]} | -" },
            Compare(new[] { reference }, new[] { difference }).Select(Line));
        Assert.Equal(
            new[] { "<> node a translations.es.title: [{value: 'A es'}] | [{value: 'A español'}]" },
            Compare(new[] { reference }, new[] { difference }, false, "translations.fr").Select(Line));
    }

    [Fact]
    public void A_field_a_translation_leaves_out_has_the_default_translations_value()
    {
        // Core's exporter writes a translation's every field; a site read may keep only what differs from the default.
        var reference = Article("a", "A", ("status", new[] { Item("value", true) }));
        var full = new ContentMap();
        Field(full, "title", Item("value", "A es"));
        Field(full, "status", Item("value", true));
        reference.Translations["es"] = full;
        var difference = Article("a", "A", ("status", new[] { Item("value", true) }));
        var differing = new ContentMap();
        Field(differing, "title", Item("value", "A es"));
        difference.Translations["es"] = differing;

        Assert.Empty(Compare(new[] { reference }, new[] { difference }));

        Field(full, "status", Item("value", false));
        Assert.Equal(new[] { "<> node a translations.es.status: [{value: false}] | [{value: true}]" }, Compare(new[] { reference }, new[] { difference }).Select(Line));
    }

    [Fact]
    public void A_paths_langcode_is_not_compared_since_it_is_always_the_translations_own()
    {
        var reference = Article("a", "A", ("path", new[] { Item("alias", "/a", "langcode", "en") }));
        var es = new ContentMap();
        Field(es, "title", Item("value", "A es"));
        reference.Translations["es"] = es;
        var difference = Article("a", "A", ("path", new[] { Item("alias", "/a") }));
        var es2 = new ContentMap();
        Field(es2, "title", Item("value", "A es"));
        Field(es2, "path", Item("alias", "/a", "langcode", "es"));
        difference.Translations["es"] = es2;

        Assert.Empty(Compare(new[] { reference }, new[] { difference }));

        Field(es2, "path", Item("alias", "/a-es", "langcode", "es"));
        Assert.Equal(new[] { "<> node a translations.es.path: [{alias: '/a'}] | [{alias: '/a-es'}]" }, Compare(new[] { reference }, new[] { difference }).Select(Line));
    }

    [Fact]
    public void What_the_site_computes_is_not_compared_such_as_a_comment_fields_statistics()
    {
        var reference = Article("a", "A", ("comment", new[] { Item("status", 2L, "cid", 0L, "last_comment_timestamp", 1700000000L, "comment_count", 3L) }), ("body", new[] { Item("value", "x", "processed", "<p>x</p>") }));
        var difference = Article("a", "A", ("comment", new[] { Item("status", 2L) }), ("body", new[] { Item("value", "x") }));

        Assert.Empty(Compare(new[] { reference }, new[] { difference }));
        Assert.Empty(new ContentComparer(null, false).DifferingFields(reference.Fields, difference.Fields, null));
    }

    [Fact]
    public void A_file_with_another_uuid_matches_by_filename_and_bytes_and_references_to_it_compare_equal()
    {
        var referenceFile = File("f1", "a.png", "abc", "public://2026-12/a.png");
        var differenceFile = File("f9", "a.png", "ABC", "public://2027-01/a_0.png");
        var image = new[] { Item("alt", "Blue", "entity", "f1") };

        var differences = Compare(
            new[] { Article("a", "A", ("field_image", image)), referenceFile },
            new[] { Article("a", "A", ("field_image", new[] { Item("alt", "Blue", "entity", "f9") })), differenceFile },
            includeEqual: true);

        Assert.Equal(new[] { "== file f1", "== node a" }, differences.Select(Line));
    }

    [Fact]
    public void A_file_with_the_same_uuid_compares_bytes_name_mime_and_size_but_not_uri_or_owner()
    {
        var reference = File("f1", "a.png", "abc", "public://2026-12/a.png", 10);
        var difference = File("f1", "b.png", "def", "public://x/b.png", 11);

        Assert.Equal(
            new[]
            {
                "<> file f1 filename: [{value: 'a.png'}] | [{value: 'b.png'}]",
                "<> file f1 filesize: [{value: 10}] | [{value: 11}]",
                "<> file f1 FileHash: 'abc' | 'def'",
            },
            Compare(new[] { reference }, new[] { difference }).Select(Line));
    }

    [Fact]
    public void Files_that_differ_in_bytes_or_name_do_not_match_and_references_to_them_differ()
    {
        var differences = Compare(
            new[] { File("f1", "a.png", "abc", "public://a.png"), Article("a", "A", ("field_image", new[] { Item("entity", "f1") })) },
            new[] { File("f2", "a.png", "zzz", "public://a.png"), Article("a", "A", ("field_image", new[] { Item("entity", "f2") })) });

        Assert.Equal(
            new[] { "<= file f1", "=> file f2", "<> node a field_image: [{entity: 'f1'}] | [{entity: 'f2'}]" },
            differences.Select(Line));
    }

    [Fact]
    public void The_order_is_entity_type_then_label_then_uuid_then_field()
    {
        var differences = Compare(
            new[] { Article("z", "B"), Article("y", "A"), new ContentEntity("taxonomy_term", "t", "tags", "en") },
            new[] { Article("x", "A") });

        Assert.Equal(new[] { "=> node x", "<= node y", "<= node z", "<= taxonomy_term t" }, differences.Select(Line));
    }

    [Fact]
    public void A_bundle_or_default_language_that_differs_is_reported_as_meta()
    {
        var differences = Compare(new[] { new ContentEntity("node", "a", "article", "en") }, new[] { new ContentEntity("node", "a", "page", "de") });

        Assert.Equal(
            new[] { "<> node a _meta.bundle: 'article' | 'page'", "<> node a _meta.default_langcode: 'en' | 'de'" },
            differences.Select(Line));
    }

    [Fact]
    public void Differing_fields_lists_the_wanted_fields_that_differ_never_one_only_the_existing_side_has()
    {
        var wanted = new ContentMap();
        Field(wanted, "title", Item("value", "New"));
        Field(wanted, "status", Item("value", true));
        Field(wanted, "field_image", Item("alt", "x", "entity", "wanted-file"));
        Field(wanted, "revision_log", Item("value", "ignored"));
        var existing = new ContentMap();
        Field(existing, "status", Item("value", true));
        Field(existing, "title", Item("value", "Old"));
        Field(existing, "field_image", Item("alt", "x", "entity", "site-file"));
        Field(existing, "field_extra", Item("value", 1L));

        var comparer = new ContentComparer(null, false);

        Assert.Equal(new[] { "title", "field_image" }, comparer.DifferingFields(wanted, existing, null));
        Assert.Equal(new[] { "title" }, comparer.DifferingFields(wanted, existing, (w, e) => w == "wanted-file" && e == "site-file"));
        Assert.Equal(new[] { "title", "field_image" }, new ContentComparer(new[] { "field_extra" }, false).DifferingFields(wanted, existing, null));
        Assert.Empty(comparer.DifferingFields(existing, existing, null));
    }

    [Fact]
    public void Render_is_compact_flow_yaml_with_quoted_strings()
    {
        var items = new[]
        {
            Item("value", "It's", "format", null, "n", 3L, "d", 1.5, "b", false, "list", new List<object?> { 1L, "x" }, "map", Item("k", "v")),
            Item("value", "two\nlines"),
        };

        Assert.Equal(
            "[{value: 'It''s', format: null, n: 3, d: 1.5, b: false, list: [1, 'x'], map: {k: 'v'}}, {value: \"two\\nlines\"}]",
            ContentComparer.Render(items));
        Assert.Equal("[]", ContentComparer.Render(Array.Empty<ContentMap>()));
    }

    [Fact]
    public void Two_sets_of_10000_articles_compare_in_one_pass_finding_the_one_edit()
    {
        static List<ContentEntity> Articles(string edited) => Enumerable.Range(0, 10000)
            .Select(i => Article(
                $"u{i:D5}",
                i == 4242 ? edited : "Article " + i,
                ("body", new[] { Item("value", $"<p>Body of article {i}.</p>", "format", "basic_html", "summary", "") }),
                ("status", new[] { Item("value", true) }),
                ("field_tags", new[] { Item("entity", "t1"), Item("entity", "t" + (i % 50)) }),
                ("field_rating", new[] { Item("value", (long)(i % 5)) })))
            .ToList();
        var reference = Articles("Article 4242");
        var difference = Articles("Edited");

        var differences = Compare(reference, difference);

        Assert.Equal("<> node u04242 title: [{value: 'Article 4242'}] | [{value: 'Edited'}]", Line(Assert.Single(differences)));
    }
}
