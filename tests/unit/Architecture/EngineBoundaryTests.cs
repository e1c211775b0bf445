using System.Reflection;
using System.Text.Json;
using DrupalOAuth.Json;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Architecture;

/// <summary>
/// The engine's public API may expose BCL, PowerShell and its own types only, never System.Text.Json or
/// Microsoft.Extensions.*, so that the engine and those dependencies can later load in their own
/// AssemblyLoadContext without touching the cmdlets.
/// </summary>
public sealed class EngineBoundaryTests
{
    private static readonly Assembly Engine = typeof(TokenProvider).Assembly;

    [Fact]
    public void The_engines_public_API_mentions_no_isolated_dependency()
    {
        var mentions = PublicApi.IsolatedTypeMentions(Engine);

        Assert.True(mentions.Count == 0, string.Join(Environment.NewLine, mentions));
    }

    [Fact]
    public void Apart_from_the_known_JsonToPSObject_bug_the_engines_public_API_mentions_no_isolated_dependency()
    {
        var mentions = PublicApi.IsolatedTypeMentions(Engine);

        Assert.All(mentions, mention => Assert.StartsWith(typeof(JsonToPSObject).FullName + ".", mention));
    }

    [Fact]
    public void The_check_finds_an_isolated_type_wherever_a_signature_hides_it()
    {
        var mentions = PublicApi.IsolatedTypeMentions(typeof(LeakyExample).Assembly)
            .Where(m => m.StartsWith(typeof(LeakyExample).FullName!, StringComparison.Ordinal))
            .ToList();

        Assert.Contains(mentions, m => m.Contains(".Field:"));
        Assert.Contains(mentions, m => m.Contains(".Property:"));
        Assert.Contains(mentions, m => m.Contains(".ProtectedMethod(") && m.Contains("parameter"));
        Assert.Contains(mentions, m => m.Contains(".ReturnsNested(") && m.Contains("return"));
        Assert.Contains(mentions, m => m.Contains(".ByRef("));
        Assert.Contains(mentions, m => m.Contains(".ctor("));
        Assert.Contains(mentions, m => m.Contains(".Event:"));
        Assert.Contains(mentions, m => m.Contains("base type"));
        Assert.Contains(mentions, m => m.Contains("interface"));
        Assert.DoesNotContain(mentions, m => m.Contains("Private"));
    }
}

#pragma warning disable CS0067, CS0649
/// <summary>Every way a public signature can leak a type, for the check above to find.</summary>
public class LeakyExample : List<JsonDocument>, IComparable<JsonElement>
{
    public JsonElement Field;

    public LeakyExample(JsonSerializerOptions options)
    {
    }

    public event EventHandler<Dictionary<string, JsonElement[]>>? Event;

    public JsonNamingPolicy? Property { get; set; }

    public Task<IReadOnlyList<KeyValuePair<string, JsonValueKind>>>? ReturnsNested() => null;

    public void ByRef(ref Utf8JsonReader reader)
    {
    }

    public int CompareTo(JsonElement other) => 0;

    protected void ProtectedMethod(Func<JsonProperty, bool> filter)
    {
    }

    private void PrivateMethod(JsonElement hidden)
    {
    }
}
#pragma warning restore CS0067, CS0649
