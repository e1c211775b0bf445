using DrupalOAuth.Errors;
using Xunit;

namespace DrupalOAuth.Tests.Errors;

public sealed class DrupalExceptionTests
{
    [Fact]
    public void Carries_its_ErrorId_category_target_and_cause()
    {
        var cause = new TimeoutException("slow");
        var target = new Uri("https://drupal.example.com/graphql");

        var e = new DrupalException("Timeout", DrupalErrorCategory.OperationTimeout, "It took too long.", target, cause);

        Assert.Equal("Timeout", e.ErrorId);
        Assert.Equal(DrupalErrorCategory.OperationTimeout, e.Category);
        Assert.Equal("It took too long.", e.Message);
        Assert.Same(target, e.Target);
        Assert.Same(cause, e.InnerException);
    }
}
