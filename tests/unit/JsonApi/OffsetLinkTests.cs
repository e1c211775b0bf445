using DrupalOAuth.JsonApi;
using Xunit;

namespace DrupalOAuth.Tests.JsonApi;

public sealed class OffsetLinkTests
{
    private const string Collection = "https://drupal.example.com/jsonapi/node/article";

    [Theory]
    [InlineData("?page%5Boffset%5D=50&page%5Blimit%5D=50", "?page[limit]=50&page[offset]=50")]
    [InlineData("?page%5Boffset%5D=50&page%5Blimit%5D=50", "?page%5Boffset%5D=50&page%5Blimit%5D=25&sort=-created&_=1")]
    [InlineData("?page%5Boffset%5D=050", "?page[offset]=50")]
    [InlineData("", "?page%5Boffset%5D=0&page%5Blimit%5D=50")]
    [InlineData("?filter%5Bstatus%5D=1", "?page%5Boffset%5D=0&page%5Blimit%5D=50&filter%5Bstatus%5D=1")]
    public void Links_to_the_same_page_name_it_alike(string one, string other) =>
        Assert.Equal(OffsetLink.Page(new Uri(Collection + one)), OffsetLink.Page(new Uri(Collection + other)));

    [Theory]
    [InlineData("?page%5Boffset%5D=50", "?page%5Boffset%5D=100")]
    [InlineData("?page%5Boffset%5D=50", "?page%5Bcursor%5D=x&page%5Boffset%5D=50")]
    [InlineData("?page%5Bcursor%5D=x", "?page%5Bcursor%5D=y")]
    public void Links_to_other_pages_name_them_apart(string one, string other) =>
        Assert.NotEqual(OffsetLink.Page(new Uri(Collection + one)), OffsetLink.Page(new Uri(Collection + other)));

    [Fact]
    public void The_path_is_part_of_the_page() =>
        Assert.NotEqual(OffsetLink.Page(new Uri(Collection + "?page%5Boffset%5D=50")), OffsetLink.Page(new Uri("https://drupal.example.com/es/jsonapi/node/article?page%5Boffset%5D=50")));
}
