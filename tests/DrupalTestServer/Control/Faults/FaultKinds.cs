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
        ["echo-error-description"] = _ => new EchoFault(EchoPlace.ErrorDescription),
        ["echo-message"] = _ => new EchoFault(EchoPlace.Message),
        ["echo-detail"] = _ => new EchoFault(EchoPlace.Detail),
        ["echo-title"] = _ => new EchoFault(EchoPlace.Title),
        ["echo-www-authenticate"] = _ => new EchoFault(EchoPlace.WwwAuthenticate),
        ["echo-graphql-error"] = _ => new EchoFault(EchoPlace.GraphQLError),
        ["bom"] = _ => new MangledJsonFault(JsonMangling.ByteOrderMark),
        ["invalid-utf8"] = _ => new MangledJsonFault(JsonMangling.InvalidUtf8),
        ["lone-surrogate"] = _ => new MangledJsonFault(JsonMangling.LoneSurrogate),
    };

    public static IEnumerable<string> Names => Factories.Keys;

    /// <exception cref="ArgumentException">The kind is unknown or a member it needs is missing.</exception>
    public static IFault Create(FaultRequest request) =>
        request.Kind is not null && Factories.TryGetValue(request.Kind, out var create)
            ? create(request)
            : throw new ArgumentException($"Unknown fault kind '{request.Kind}'; known: {string.Join(", ", Names)}.");
}
