using System.Management.Automation;
using DrupalOAuth.Commands;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Architecture;

public sealed class EngineHasNoCmdletsTests
{
    [Fact]
    public void No_engine_type_is_a_cmdlet()
    {
        var types = typeof(TokenProvider).Assembly.GetTypes();

        Assert.NotEmpty(types);
        Assert.DoesNotContain(types, type => typeof(Cmdlet).IsAssignableFrom(type));
    }

    [Fact]
    public void The_cmdlets_live_in_the_cmdlet_assembly()
    {
        Assert.Contains(typeof(ConnectDrupalApiCommand).Assembly.GetTypes(), type => typeof(Cmdlet).IsAssignableFrom(type));
    }
}
