using System.Text;
using DrupalOAuth.Errors;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Errors;

public sealed class JsonApiErrorTests
{
    [Fact]
    public void Each_error_object_is_read_with_title_status_detail_and_pointer()
    {
        var errors = ReadAll(JsonApiDocuments.Errors(
            ("Unprocessable Content", "422", "title: This value should not be null.", "/data/attributes/title"),
            ("Unprocessable Content", "422", "field_tags.0: The referenced entity does not exist.", "/data/relationships/field_tags/data/0")));

        Assert.Equal(2, errors.Count);
        Assert.Equal("Unprocessable Content", errors[0].Title);
        Assert.Equal("422", errors[0].Status);
        Assert.Equal("title: This value should not be null.", errors[0].Detail);
        Assert.Equal("/data/attributes/title", errors[0].Pointer);
        Assert.Equal("title", errors[0].Field);
        Assert.Equal("field_tags", errors[1].Field);
    }

    [Fact]
    public void An_error_reads_as_its_title_its_detail_and_the_field_it_concerns()
    {
        Assert.Equal("Unprocessable Content: title: This value should not be null. (field 'title')", MissingTitle().ToString());
    }

    [Theory]
    [InlineData("Unprocessable Content")]
    [InlineData("unprocessable content")]
    public void Described_beside_a_status_with_the_same_reason_phrase_the_title_is_left_out(string reasonPhrase)
    {
        Assert.Equal("title: This value should not be null. (field 'title')", MissingTitle().Describe(reasonPhrase));
    }

    [Fact]
    public void A_title_that_says_more_than_the_reason_phrase_is_kept()
    {
        Assert.StartsWith("Unprocessable Content: ", MissingTitle().Describe("Unprocessable Entity"));
    }

    [Fact]
    public void The_read_only_405_reads_as_its_detail_beside_its_status()
    {
        const string body = "{\"errors\":[{\"title\":\"Method Not Allowed\",\"status\":\"405\",\"detail\":\"JSON:API is configured to accept only read operations. Site administrators can configure this at https:\\/\\/site\\/admin\\/config\\/services\\/jsonapi.\"}]}";

        var error = Assert.Single(ReadAll(body));

        Assert.Null(error.Pointer);
        Assert.Null(error.Field);
        Assert.Equal("JSON:API is configured to accept only read operations. Site administrators can configure this at https://site/admin/config/services/jsonapi.", error.Describe("Method Not Allowed"));
    }

    [Fact]
    public void Without_a_detail_the_title_is_the_text_and_without_either_it_says_so()
    {
        var errors = ReadAll("{\"errors\":[{\"title\":\"Forbidden\",\"status\":\"403\"},{\"status\":\"500\"}]}");

        Assert.Equal("Forbidden", errors[0].ToString());
        Assert.Equal("(no detail)", errors[1].ToString());
    }

    [Fact]
    public void A_numeric_status_is_read_as_its_text()
    {
        Assert.Equal("404", Assert.Single(ReadAll("{\"errors\":[{\"status\":404}]}")).Status);
    }

    [Fact]
    public void A_pointer_that_names_no_field_is_the_field_itself()
    {
        Assert.Equal("/data", Assert.Single(ReadAll(JsonApiDocuments.Errors(("Bad Request", "400", "Missing type.", "/data")))).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<!DOCTYPE html><html><head><title>Error | Site</title></head></html>")]
    [InlineData("{\"message\":\"The 'access content' permission is required.\"}")]
    [InlineData("{\"errors\":\"not a list\"}")]
    [InlineData("{\"errors\":[")]
    public void Anything_but_an_error_document_has_no_error_objects(string body)
    {
        Assert.Empty(ReadAll(body));
    }

    [Fact]
    public void Entries_of_the_list_that_are_not_objects_are_passed_over()
    {
        Assert.Equal("x", Assert.Single(ReadAll("{\"errors\":[\"text\",{\"detail\":\"x\"},null]}")).Detail);
    }

    private static JsonApiError MissingTitle() =>
        Assert.Single(ReadAll(JsonApiDocuments.Errors(("Unprocessable Content", "422", "title: This value should not be null.", "/data/attributes/title"))));

    private static IReadOnlyList<JsonApiError> ReadAll(string body) => JsonApiError.ReadAll(Encoding.UTF8.GetBytes(body));
}
