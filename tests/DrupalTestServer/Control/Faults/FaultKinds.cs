namespace DrupalTestServer.Control.Faults;

/// <summary>The registry of fault kinds: a new kind is a class and one line here.</summary>
public static class FaultKinds
{
    private static readonly Dictionary<string, Func<FaultRequest, IFault>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = StatusFault.From,
        ["html200"] = _ => new Html200Fault(),
        ["truncated"] = _ => new TruncatedFault(),
        ["empty"] = EmptyFault.From,
        ["delay"] = DelayFault.From,
        ["stall"] = StallFault.From,
        ["slowbody"] = SlowBodyFault.From,
        ["reset"] = _ => new ResetFault(),
        ["resetafter"] = _ => new ResetAfterFault(),
        ["brokenbody"] = _ => new BrokenBodyFault(),
        ["redirect"] = RedirectFault.From,
        ["big"] = BigFault.From,
        ["gzipbomb"] = FloodFault.Gzip,
        ["huge"] = FloodFault.Plain,
        ["nextlinks"] = NextLinksFault.From,
    };

    public static IEnumerable<string> Names => Factories.Keys;

    /// <exception cref="ArgumentException">The kind is unknown or a member it needs is missing.</exception>
    public static IFault Create(FaultRequest request) =>
        request.Kind is not null && Factories.TryGetValue(request.Kind, out var create)
            ? create(request)
            : throw new ArgumentException($"Unknown fault kind '{request.Kind}'; known: {string.Join(", ", Names)}.");
}
