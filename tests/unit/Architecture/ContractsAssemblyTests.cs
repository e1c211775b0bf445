using System.Reflection;
using DrupalOAuth.Commands;
using DrupalOAuth.Connections;
using DrupalOAuth.Errors;
using Xunit;

namespace DrupalOAuth.Tests.Architecture;

/// <summary>
/// DrupalOAuth.Contracts holds the types scripts name and loads in PowerShell's default context, beside the
/// cmdlets, while the engine loads in a context of its own: it must depend on nothing but the framework, and
/// the cmdlet assembly must not need the engine just to be loaded, or PowerShell could not import it before the
/// engine's context is set up.
/// </summary>
public sealed class ContractsAssemblyTests
{
    private static readonly Assembly Contracts = typeof(DrupalException).Assembly;
    private static readonly Assembly Cmdlets = typeof(ConnectDrupalApiCommand).Assembly;
    private static readonly Assembly Engine = typeof(DrupalConnection).Assembly;

    [Fact]
    public void The_types_scripts_name_live_in_the_contracts_assembly()
    {
        Assert.Equal("DrupalOAuth.Contracts", Contracts.GetName().Name);
        Assert.Same(Contracts, typeof(ClientAuthentication).Assembly);
        Assert.Same(Contracts, typeof(DrupalErrorCategory).Assembly);
    }

    [Fact]
    public void The_contracts_assembly_references_the_framework_only()
    {
        Assert.Equal(new[] { "netstandard" }, Contracts.GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void No_cmdlet_has_a_field_of_an_engine_value_type_whose_layout_would_load_the_engine_at_import()
    {
        var fields = Cmdlets.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(field => Nullable.GetUnderlyingType(field.FieldType) is { } inner ? inner.Assembly == Engine : field.FieldType.IsValueType && field.FieldType.Assembly == Engine)
            .Select(field => $"{field.DeclaringType!.Name}.{field.Name}")
            .ToList();

        Assert.Empty(fields);
    }
}
