using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class SitePathTests
{
    private static readonly Uri Site = new("https://example.com/");
    private static readonly Uri BasePathSite = new("https://example.com/drupal/");

    [Theory]
    [InlineData("https://example.com/", "/jsonapi", "https://example.com/jsonapi")]
    [InlineData("https://example.com/", "jsonapi", "https://example.com/jsonapi")]
    [InlineData("https://example.com/", "node/1?_format=json", "https://example.com/node/1?_format=json")]
    [InlineData("https://example.com/", "  /jsonapi/node/article  ", "https://example.com/jsonapi/node/article")]
    [InlineData("https://example.com/drupal/", "/jsonapi", "https://example.com/drupal/jsonapi")]
    [InlineData("https://example.com/drupal/", "node/1?_format=json", "https://example.com/drupal/node/1?_format=json")]
    [InlineData("https://example.com/drupal/", "/es/jsonapi/node/article", "https://example.com/drupal/es/jsonapi/node/article")]
    public void A_path_is_resolved_beneath_the_sites_base_path_even_with_a_leading_slash(string site, string path, string expected)
    {
        Assert.Equal(new Uri(expected), SitePath.Resolve(new Uri(site), path));
    }

    [Theory]
    [InlineData("https://example.com/drupal/jsonapi/node/article?page%5Blimit%5D=2")]
    [InlineData("https://EXAMPLE.com/other/path")]
    [InlineData("https://example.com:443/jsonapi")]
    public void An_absolute_url_on_the_sites_origin_is_taken_as_it_is(string url)
    {
        Assert.Equal(new Uri(url), SitePath.Resolve(BasePathSite, url));
    }

    [Theory]
    [InlineData("https://evil.example/jsonapi", "https://evil.example")]
    [InlineData("http://example.com/jsonapi", "http://example.com")]
    [InlineData("https://example.com:8443/jsonapi", "https://example.com:8443")]
    [InlineData("https://www.example.com/jsonapi", "https://www.example.com")]
    public void An_absolute_url_on_another_origin_is_refused_before_anything_is_sent(string url, string origin)
    {
        var e = DrupalAssert.Fails("CrossOriginRefused", () => SitePath.Resolve(Site, url));

        Assert.Equal(DrupalErrorCategory.SecurityError, e.Category);
        Assert.Equal(origin, e.Target);
        Assert.Contains($"'{origin}' is another origin than the connection's site, https://example.com", e.Message);
        Assert.Contains("the access token is only ever sent to its own site, so nothing was sent", e.Message);
    }

    [Theory]
    [InlineData("//evil.example/jsonapi")]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    public void A_protocol_relative_url_or_another_scheme_is_refused(string path)
    {
        var e = DrupalAssert.Fails("InvalidPath", () => SitePath.Resolve(Site, path));

        Assert.Contains("is neither a path on the site nor an http or https URL on the site's origin", e.Message);
    }

    [Theory]
    [InlineData("\\/evil.example/x")]
    [InlineData("\\\\evil.example\\x")]
    [InlineData("/\\/evil.example/x")]
    public void A_path_that_the_url_parser_reads_as_another_host_is_refused(string path)
    {
        Assert.Contains("is neither a path on the site nor an http or https URL on the site's origin", DrupalAssert.Fails("InvalidPath", () => SitePath.Resolve(Site, path)).Message);
    }

    [Theory]
    [InlineData("mailto:admin@example.com")]
    [InlineData("javascript:alert(1)")]
    public void A_url_with_another_scheme_and_no_slashes_is_refused(string path)
    {
        DrupalAssert.Fails("InvalidPath", () => SitePath.Resolve(Site, path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_path_is_refused(string? path)
    {
        Assert.Contains("-Path is empty", DrupalAssert.Fails("InvalidPath", () => SitePath.Resolve(Site, path)).Message);
    }

    [Fact]
    public void A_link_on_the_sites_origin_stays_as_it_is()
    {
        var link = new Uri("https://example.com/jsonapi/node/article?page%5Boffset%5D=50");

        Assert.Same(link, SitePath.OnSiteOrigin(Site, link));
    }

    [Theory]
    [InlineData("http://drupal-internal:8080/jsonapi/node/article?page%5Boffset%5D=50&page%5Blimit%5D=50", "https://example.com/jsonapi/node/article?page%5Boffset%5D=50&page%5Blimit%5D=50")]
    [InlineData("http://example.com/jsonapi/node/article?filter%5Btitle%5D=a%26b%20c%2Bd", "https://example.com/jsonapi/node/article?filter%5Btitle%5D=a%26b%20c%2Bd")]
    [InlineData("https://10.0.0.5/jsonapi/file/a%20b", "https://example.com/jsonapi/file/a%20b")]
    public void A_link_on_another_origin_moves_to_the_sites_origin_keeping_its_encoded_path_and_query(string link, string expected)
    {
        Assert.Equal(expected, SitePath.OnSiteOrigin(Site, new Uri(link)).AbsoluteUri);
    }

    [Fact]
    public void A_link_moved_onto_a_site_on_another_port_keeps_the_port()
    {
        Assert.Equal("http://127.0.0.1:8081/jsonapi?x=1", SitePath.OnSiteOrigin(new Uri("http://127.0.0.1:8081/"), new Uri("http://127.0.0.1:9000/jsonapi?x=1")).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://example.com/drupal/", "https://example.com")]
    [InlineData("http://127.0.0.1:8080/x", "http://127.0.0.1:8080")]
    public void The_origin_is_scheme_host_and_port(string uri, string origin)
    {
        Assert.Equal(origin, SitePath.Origin(new Uri(uri)));
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("http://127.0.0.1:8080/x")]
    public void The_origin_never_holds_user_information(string uri)
    {
        var withUser = new UriBuilder(uri) { UserName = "user", Password = "hunter2" }.Uri;

        Assert.Equal(SitePath.Origin(new Uri(uri)), SitePath.Origin(withUser));
    }

    [Theory]
    [InlineData("https://user:hunter2@example.com/jsonapi")]
    [InlineData("https://user:hunter2@elsewhere.example.com/jsonapi")]
    [InlineData("//user:hunter2@example.com/jsonapi")]
    [InlineData("http://user:hunter2/x@example.com/jsonapi")]
    [InlineData("user:hunter2@example.com/jsonapi")]
    public void A_path_with_a_user_or_password_is_refused_without_showing_the_password(string path)
    {
        var e = DrupalAssert.Fails("InvalidPath", () => SitePath.Resolve(Site, path));

        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain("hunter2", Convert.ToString(e.Target));
    }

    [Theory]
    [InlineData("node/1\r\nX-A: 1")]
    [InlineData("node/1\nX")]
    [InlineData("node/\u00001")]
    public void A_path_with_a_control_character_is_refused(string path)
    {
        var e = DrupalAssert.Fails("InvalidPath", () => SitePath.Resolve(Site, path));

        Assert.Contains("control character", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void WithQuery_encodes_brackets_as_percent_5B_and_5D()
    {
        var uri = SitePath.WithQuery(new Uri("https://example.com/jsonapi/node/article"), new[] { Pair("page[limit]", "2"), Pair("fields[node--article]", "title,created") });

        Assert.Equal("https://example.com/jsonapi/node/article?page%5Blimit%5D=2&fields%5Bnode--article%5D=title%2Ccreated", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("Article 7", "Article%207")]
    [InlineData("a&b=c", "a%26b%3Dc")]
    [InlineData("1+1", "1%2B1")]
    [InlineData("50%", "50%25")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("a#b", "a%23b")]
    [InlineData(">", "%3E")]
    public void WithQuery_encodes_each_value_once(string value, string encoded)
    {
        Assert.Equal("https://example.com/x?filter%5Btitle%5D=" + encoded, SitePath.WithQuery(new Uri("https://example.com/x"), new[] { Pair("filter[title]", value) }).AbsoluteUri);
    }

    [Fact]
    public void WithQuery_appends_to_a_query_the_uri_already_has()
    {
        Assert.Equal("https://example.com/node/1?_format=json&a=1", SitePath.WithQuery(new Uri("https://example.com/node/1?_format=json"), new[] { Pair("a", "1") }).AbsoluteUri);
    }

    [Fact]
    public void WithQuery_without_pairs_gives_the_uri_back()
    {
        var uri = new Uri("https://example.com/node/1?_format=json");

        Assert.Same(uri, SitePath.WithQuery(uri, Array.Empty<KeyValuePair<string, string>>()));
    }

    [Fact]
    public void WithQuery_keeps_a_non_default_port()
    {
        Assert.Equal("http://127.0.0.1:8080/x?a=1", SitePath.WithQuery(new Uri("http://127.0.0.1:8080/x"), new[] { Pair("a", "1") }).AbsoluteUri);
    }

    [Fact]
    public void Pairs_repeat_the_name_for_each_value_of_a_list()
    {
        var query = new OrderedDictionary { ["ids[]"] = new object[] { 1, 2 }, ["_format"] = "json", ["tags"] = PSObject.AsPSObject(new[] { "a", "b" }) };

        Assert.Equal(new[] { "ids[]=1", "ids[]=2", "_format=json", "tags=a", "tags=b" }, SitePath.Pairs(query).Select(p => p.Key + "=" + p.Value));
    }

    [Fact]
    public void Pairs_of_nothing_are_none_and_a_null_value_is_empty()
    {
        Assert.Empty(SitePath.Pairs(null));
        Assert.Equal("a=", SitePath.Pairs(new Hashtable { ["a"] = null }).Select(p => p.Key + "=" + p.Value).Single());
    }

    [Fact]
    public void Text_writes_values_as_Drupal_reads_them_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal("1", SitePath.Text(true));
            Assert.Equal("0", SitePath.Text(false));
            Assert.Equal("1.5", SitePath.Text(1.5));
            Assert.Equal("1700000000", SitePath.Text(1700000000L));
            Assert.Equal("2026-01-01T00:01:00Z", SitePath.Text(new DateTime(2026, 1, 1, 0, 1, 0, DateTimeKind.Utc)));
            Assert.Equal("2026-01-01T00:01:00+02:00", SitePath.Text(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.FromHours(2))));
            Assert.Equal(string.Empty, SitePath.Text(null));
            Assert.Equal("1", SitePath.Text(PSObject.AsPSObject(true)));
            Assert.Equal("x", SitePath.Text("x"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);
}
