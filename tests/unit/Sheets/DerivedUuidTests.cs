using DrupalOAuth.Sheets;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class DerivedUuidTests
{
    private static readonly Uri Site = new("https://example.com/");

    [Fact]
    public void Version_5_matches_the_known_vector()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com").
        Assert.Equal("2ed6657d-e927-568b-95e1-2665a8aea6a2", DerivedUuid.For(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
    }

    [Fact]
    public void Version_5_hashes_the_name_as_UTF_8()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/Grüße/東京").
        Assert.Equal("706c568a-1aa6-5040-babe-097225bad3bb", DerivedUuid.For(new Guid("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://example.com/Grüße/東京"));
    }

    [Fact]
    public void The_same_row_gives_the_same_uuid_on_every_run()
    {
        var first = DerivedUuid.For(Site, "node--article", "field_external_id", "A-17");

        Assert.Equal(first, DerivedUuid.For(new Uri("HTTPS://EXAMPLE.COM"), "node--article", "field_external_id", "A-17"));
        Assert.Equal('5', first[14]);
        Assert.Contains(first[19], "89ab");
        Assert.Equal(first.ToLowerInvariant(), first);
    }

    [Theory]
    [InlineData("https://other.example.com/", "node--article", "field_external_id", "A-17")]
    [InlineData("https://example.com/sub", "node--article", "field_external_id", "A-17")]
    [InlineData("http://example.com/", "node--article", "field_external_id", "A-17")]
    [InlineData("https://example.com/", "node--page", "field_external_id", "A-17")]
    [InlineData("https://example.com/", "node--article", "title", "A-17")]
    [InlineData("https://example.com/", "node--article", "field_external_id", "A-18")]
    [InlineData("https://example.com/", "node--article", "field_external_id", "a-17")]
    public void Each_part_of_the_name_makes_another_uuid(string site, string typeName, string keyField, string keyValue)
    {
        Assert.NotEqual(DerivedUuid.For(Site, "node--article", "field_external_id", "A-17"), DerivedUuid.For(new Uri(site), typeName, keyField, keyValue));
    }

    [Fact]
    public void The_site_is_named_without_trailing_slash_query_or_case()
    {
        var expected = DerivedUuid.For(new Guid(DerivedUuid.NamespaceId), "https://example.com/drupal\nnode--article\ntitle\nHello");

        Assert.Equal(expected, DerivedUuid.For(new Uri("https://Example.COM/drupal/?x=1"), "node--article", "title", "Hello"));
        Assert.Equal(expected, DerivedUuid.For(new Uri("https://example.com/drupal"), "node--article", "title", "Hello"));
    }
}
