using DrupalOAuth.Errors;
using Xunit;

namespace DrupalOAuth.Tests.Support;

/// <summary>Asserts that engine code fails with a given stable ErrorId.</summary>
public static class DrupalAssert
{
    public static DrupalException Fails(string errorId, Action action)
    {
        var e = Assert.Throws<DrupalException>(action);
        Assert.Equal(errorId, e.ErrorId);
        return e;
    }

    public static DrupalException Fails(string errorId, Func<object?> function) => Fails(errorId, () => { function(); });

    public static async Task<DrupalException> FailsAsync(string errorId, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<DrupalException>(action);
        Assert.Equal(errorId, e.ErrorId);
        return e;
    }
}
