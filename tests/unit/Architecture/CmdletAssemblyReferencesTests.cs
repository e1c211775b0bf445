using System.Reflection;
using DrupalOAuth.Commands;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Architecture;

/// <summary>
/// The cmdlet assembly stays in PowerShell's default load context, so it must not bind to the dependencies a
/// future AssemblyLoadContext will hold for the engine.
/// </summary>
public sealed class CmdletAssemblyReferencesTests
{
    private static readonly Assembly Cmdlets = typeof(ConnectDrupalApiCommand).Assembly;

    [Fact]
    public void The_cmdlet_assembly_references_no_isolated_dependency_directly()
    {
        var references = Cmdlets.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("DrupalOAuth.Engine", references);
        Assert.DoesNotContain(references, name => PublicApi.IsIsolated(name));
    }
}
