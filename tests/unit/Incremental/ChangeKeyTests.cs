using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Incremental;
using DrupalOAuth.JsonApi;
using Xunit;

namespace DrupalOAuth.Tests.Incremental;

public sealed class ChangeKeyTests
{
    private const string Article = "node--article";
    private const string Id = "5f0c1f7e-0000-4000-8000-000000000007";
    private const long C = 1_700_000_000;

    [Fact]
    public void A_keyset_step_asks_for_changed_after_c_or_changed_c_and_id_after_i_beside_the_users_filter()
    {
        var query = new EntityQuery("node", "article", filter: new Hashtable { ["status"] = 1 }, pageSize: 50).ByChange(C - 60).After(new ChangeKey(C, Id));

        Assert.Equal(
            new[]
            {
                "filter[status]=1",
                "filter[changed-since][condition][path]=changed",
                "filter[changed-since][condition][operator]=>=",
                "filter[changed-since][condition][value]=1699999940",
                "filter[ks][group][conjunction]=OR",
                "filter[ks-after][condition][path]=changed",
                "filter[ks-after][condition][operator]=>",
                "filter[ks-after][condition][value]=1700000000",
                "filter[ks-after][condition][memberOf]=ks",
                "filter[ks-same][group][conjunction]=AND",
                "filter[ks-same][group][memberOf]=ks",
                "filter[ks-c][condition][path]=changed",
                "filter[ks-c][condition][operator]==",
                "filter[ks-c][condition][value]=1700000000",
                "filter[ks-c][condition][memberOf]=ks-same",
                "filter[ks-i][condition][path]=id",
                "filter[ks-i][condition][operator]=>",
                "filter[ks-i][condition][value]=" + Id,
                "filter[ks-i][condition][memberOf]=ks-same",
                "sort=changed,id",
                "page[limit]=50",
            },
            query.Parameters(Article, collection: true, limit: 50, offset: 0).Select(p => p.Key + "=" + p.Value));
    }

    [Fact]
    public void The_key_is_the_last_items_changed_and_id()
    {
        var items = new object?[] { Flat("a", "2023-11-14T22:13:19+00:00"), Flat(Id, "2023-11-14T22:13:20+00:00") };

        var key = ChangeKey.Last(items, raw: false);

        Assert.Equal(C, key!.Changed);
        Assert.Equal(Id, key.Id);
        Assert.Equal("1700000000/" + Id, key.ToString());
    }

    [Fact]
    public void With_raw_documents_the_key_is_the_last_resource_of_the_last_document()
    {
        var resource = new PSObject();
        resource.Properties.Add(new PSNoteProperty("id", Id));
        resource.Properties.Add(new PSNoteProperty("attributes", Flat(null, "2023-11-14T22:13:20+00:00")));
        var document = new PSObject();
        document.Properties.Add(new PSNoteProperty("data", new object?[] { Flat("a", "x"), resource }));

        var key = ChangeKey.Last(new object?[] { document }, raw: true);

        Assert.Equal(C, key!.Changed);
        Assert.Equal(Id, key.Id);
    }

    [Fact]
    public void A_page_with_no_items_or_a_last_item_without_a_time_has_no_key()
    {
        Assert.Null(ChangeKey.Last(Array.Empty<object?>(), raw: false));
        Assert.Null(ChangeKey.Last(new object?[] { Flat(Id, "2023-11-14T22:13:20+00:00"), Flat("b", null) }, raw: false));
        Assert.Null(ChangeKey.Last(new object?[] { new PSObject() }, raw: true));
    }

    private static PSObject Flat(string? id, string? changed)
    {
        var item = new PSObject();
        if (id != null)
        {
            item.Properties.Add(new PSNoteProperty("id", id));
        }

        item.Properties.Add(new PSNoteProperty("changed", changed));
        return item;
    }
}
