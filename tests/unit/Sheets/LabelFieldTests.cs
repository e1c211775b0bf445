using DrupalOAuth.Sheets;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class LabelFieldTests
{
    [Theory]
    [InlineData("node--article", "title")]
    [InlineData("node--page", "title")]
    [InlineData("taxonomy_term--tags", "name")]
    [InlineData("user--user", "name")]
    [InlineData("file--file", "filename")]
    [InlineData("media--image", "name")]
    [InlineData("comment--comment", "subject")]
    [InlineData("block_content--basic", "info")]
    [InlineData("menu_link_content--menu_link_content", "title")]
    [InlineData("contact_message--feedback", "name")]
    [InlineData("node", "title")]
    public void Each_type_is_named_by_its_label_field(string typeName, string label)
    {
        Assert.Equal(label, LabelField.For(typeName));
    }
}
