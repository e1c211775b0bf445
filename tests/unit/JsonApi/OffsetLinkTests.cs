using DrupalOAuth.JsonApi;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class OffsetLinkTests
{
    private static readonly Uri Next = new("https://www.example.com/jsonapi/node/article?filter%5Bstatus%5D=1&page%5Boffset%5D=50&page%5Blimit%5D=50&sort=-created");

    [Fact]
    public void Reads_the_offset_and_page_size_of_a_link_as_Drupal_writes_it()
    {
        Assert.Equal((50L, 50L), OffsetLink.Read(Next));
        Assert.Equal((100L, 25L), OffsetLink.Read(new Uri("https://www.example.com/jsonapi/node/article?page[offset]=100&page[limit]=25")));
    }

    [Theory]
    [InlineData("https://www.example.com/jsonapi/node/article?page%5Bcursor%5D=abc")]
    [InlineData("https://www.example.com/jsonapi/node/article?page%5Boffset%5D=50")]
    [InlineData("https://www.example.com/jsonapi/node/article?page%5Boffset%5D=x&page%5Blimit%5D=50")]
    [InlineData("https://www.example.com/jsonapi/node/article")]
    public void A_link_without_both_numbers_is_not_offset_paging(string link)
    {
        Assert.Null(OffsetLink.Read(new Uri(link)));
    }

    [Fact]
    public void Writes_the_link_at_another_offset_with_every_other_parameter_as_it_was()
    {
        var at = OffsetLink.At(Next, 150);

        Assert.Equal("https://www.example.com/jsonapi/node/article?filter%5Bstatus%5D=1&page%5Boffset%5D=150&page%5Blimit%5D=50&sort=-created", at.AbsoluteUri);
        Assert.Equal((150L, 50L), OffsetLink.Read(at));
    }

    [Fact]
    public void Sets_one_parameter_last_dropping_any_it_had_and_keeping_the_others_as_they_were()
    {
        var narrowed = OffsetLink.With(Next, "fields[node--article]", "title,body");

        Assert.Equal("https://www.example.com/jsonapi/node/article?filter%5Bstatus%5D=1&page%5Boffset%5D=50&page%5Blimit%5D=50&sort=-created&fields%5Bnode--article%5D=title%2Cbody", narrowed.AbsoluteUri);
        Assert.Equal(narrowed.AbsoluteUri, OffsetLink.With(new Uri("https://www.example.com/jsonapi/node/article?filter%5Bstatus%5D=1&fields[node--article]=uid&page%5Boffset%5D=50&page%5Blimit%5D=50&sort=-created&fields%5Bnode--article%5D=x"), "fields[node--article]", "title,body").AbsoluteUri);
        Assert.Equal("https://www.example.com/jsonapi/node/article?fields%5Bnode--article%5D=title", OffsetLink.With(new Uri("https://www.example.com/jsonapi/node/article"), "fields[node--article]", "title").AbsoluteUri);
    }

    [Theory]
    [InlineData("?page%5Boffset%5D=50&page%5Blimit%5D=50", "?page[limit]=50&page[offset]=50")]
    [InlineData("?page%5Boffset%5D=50&page%5Blimit%5D=50", "?page%5Boffset%5D=50&page%5Blimit%5D=25&sort=-created&_=1")]
    [InlineData("?page%5Boffset%5D=050", "?page[offset]=50")]
    [InlineData("", "?page%5Boffset%5D=0&page%5Blimit%5D=50")]
    [InlineData("?filter%5Bstatus%5D=1", "?page%5Boffset%5D=0&page%5Blimit%5D=50&filter%5Bstatus%5D=1")]
    public void Links_to_the_same_page_name_it_alike(string one, string other) =>
        Assert.Equal(OffsetLink.Page(Collection(one)), OffsetLink.Page(Collection(other)));

    [Theory]
    [InlineData("?page%5Boffset%5D=50", "?page%5Boffset%5D=100")]
    [InlineData("?page%5Boffset%5D=50", "?page%5Bcursor%5D=x&page%5Boffset%5D=50")]
    [InlineData("?page%5Bcursor%5D=x", "?page%5Bcursor%5D=y")]
    public void Links_to_other_pages_name_them_apart(string one, string other) =>
        Assert.NotEqual(OffsetLink.Page(Collection(one)), OffsetLink.Page(Collection(other)));

    [Fact]
    public void The_path_is_part_of_the_page() =>
        Assert.NotEqual(OffsetLink.Page(Collection("?page%5Boffset%5D=50")), OffsetLink.Page(new Uri("https://www.example.com/es/jsonapi/node/article?page%5Boffset%5D=50")));

    private static Uri Collection(string query) => new("https://www.example.com/jsonapi/node/article" + query);
}
