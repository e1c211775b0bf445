using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Connections;

public sealed class ConnectionRegistryTests : IDisposable
{
    private readonly FakeDrupal _drupal = new();
    private readonly ConnectionRegistry _registry = new();

    public void Dispose() => _drupal.Dispose();

    [Fact]
    public void A_new_registry_has_no_connection()
    {
        Assert.Null(_registry.Current);
        Assert.Empty(_registry.GetAll());
        Assert.Null(_registry.Get("default"));
    }

    [Fact]
    public async Task Add_makes_the_connection_current()
    {
        var connection = await Open("default");

        _registry.Add(connection);

        Assert.Same(connection, _registry.Current);
        Assert.Same(connection, _registry.Get("DEFAULT"));
    }

    [Fact]
    public async Task The_latest_added_is_current_and_all_are_listed_by_name()
    {
        var (_, live) = await AddStagingThenLive();

        Assert.Same(live, _registry.Current);
        Assert.Equal(new[] { "live", "staging" }, _registry.GetAll().Select(c => c.Name));
    }

    [Fact]
    public async Task A_connection_of_the_same_name_replaces_the_old_one_and_closes_it()
    {
        var old = await Open("default", clientId: "backend");
        var replacement = await Open("default", clientId: "editor");
        _registry.Add(old);

        _registry.Add(replacement);

        Assert.Same(replacement, _registry.Get("default"));
        Assert.Single(_registry.GetAll());
        await DrupalAssert.FailsAsync("ConnectionClosed", () => old.GetTokenAsync(NullLog.Instance, CancellationToken.None));
        Assert.NotNull(await replacement.GetTokenAsync(NullLog.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_replaced_connection_of_the_same_client_and_scope_keeps_working_on_the_shared_token()
    {
        var old = await Open("default");
        var replacement = await Open("default");
        _registry.Add(old);

        _registry.Add(replacement);

        Assert.Same(
            await replacement.GetTokenAsync(NullLog.Instance, CancellationToken.None),
            await old.GetTokenAsync(NullLog.Instance, CancellationToken.None));
        Assert.NotNull(replacement.TokenExpiresOn);
    }

    [Fact]
    public async Task Remove_clears_the_current_connection_and_closes_it()
    {
        var connection = await Open("default");
        _registry.Add(connection);

        Assert.True(_registry.Remove(connection));

        Assert.Null(_registry.Current);
        Assert.Null(_registry.Get("default"));
        Assert.Null(connection.TokenExpiresOn);
        await DrupalAssert.FailsAsync("ConnectionClosed", () => connection.InvokeGraphQLAsync(new DrupalOAuth.GraphQL.GraphQLRequest("{ a }"), NullLog.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task Removing_another_connection_leaves_the_current_one()
    {
        var (staging, live) = await AddStagingThenLive();

        _registry.Remove(staging);

        Assert.Same(live, _registry.Current);
    }

    [Fact]
    public async Task Remove_refuses_a_connection_that_is_not_the_registered_one()
    {
        var stale = await Open("default");
        var registered = await Open("default");
        _registry.Add(registered);

        Assert.False(_registry.Remove(stale));
        Assert.Same(registered, _registry.Current);
    }

    [Fact]
    public async Task Clear_removes_every_connection()
    {
        _registry.Add(await Open("a"));
        _registry.Add(await Open("b"));

        _registry.Clear();

        Assert.Empty(_registry.GetAll());
        Assert.Null(_registry.Current);
    }

    [Fact]
    public void Resolve_without_a_connection_says_to_connect()
    {
        var e = DrupalAssert.Fails("NotConnected", () => _registry.Resolve(null));

        Assert.Equal(DrupalErrorCategory.InvalidOperation, e.Category);
        Assert.Contains("Connect-DrupalApi", e.Message);
    }

    [Fact]
    public async Task Resolve_prefers_the_given_connection_over_the_current_one()
    {
        var current = await Open("current");
        var given = await Open("given");
        _registry.Add(current);

        Assert.Same(given, _registry.Resolve(given));
        Assert.Same(current, _registry.Resolve(null));
    }

    [Fact]
    public async Task Registries_are_independent_and_a_connection_is_current_in_the_one_that_made_it()
    {
        var other = new ConnectionRegistry();
        var mine = await Open("default");
        var theirs = await Open("default");
        _registry.Add(mine);
        other.Add(theirs);

        Assert.Same(mine, _registry.Get("default"));
        Assert.Same(theirs, other.Get("default"));
        Assert.True(mine.IsCurrent);
        Assert.True(theirs.IsCurrent);

        other.Clear();

        Assert.Same(mine, _registry.Current);
        Assert.NotNull(await mine.GetTokenAsync(NullLog.Instance, CancellationToken.None));
        await DrupalAssert.FailsAsync("ConnectionClosed", () => theirs.GetTokenAsync(NullLog.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task Removing_one_of_two_connections_of_one_consumer_keeps_their_token_cached_for_the_other()
    {
        var other = new ConnectionRegistry();
        var mine = await Open("default");
        var theirs = await Open("default");
        _registry.Add(mine);
        other.Add(theirs);

        other.Clear();

        Assert.NotNull(mine.TokenExpiresOn);
        _registry.Clear();
        Assert.Null(mine.TokenExpiresOn);
    }

    private Task<DrupalConnection> Open(string name, string clientId = "backend") =>
        _drupal.OpenAsync(_drupal.Settings(clientId: clientId, name: name));

    private async Task<(DrupalConnection Staging, DrupalConnection Live)> AddStagingThenLive()
    {
        var staging = await Open("staging");
        var live = await Open("live");
        _registry.Add(staging);
        _registry.Add(live);
        return (staging, live);
    }
}
