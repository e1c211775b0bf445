using System.Management.Automation;
using DrupalOAuth.Errors;
using Xunit;

namespace DrupalOAuth.Tests.Errors;

public sealed class DrupalErrorCategoryTests
{
    public static TheoryData<DrupalErrorCategory> Categories => new(Enum.GetValues<DrupalErrorCategory>());

    [Theory]
    [MemberData(nameof(Categories))]
    public void Each_category_is_also_a_PowerShell_ErrorCategory_of_the_same_name(DrupalErrorCategory category)
    {
        Assert.True(Enum.TryParse<ErrorCategory>(category.ToString(), ignoreCase: false, out var parsed));
        Assert.Equal(category.ToString(), parsed.ToString());
    }
}
