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
}
