using DrupalTestServer.Http;
using DrupalTestServer.Site;

namespace DrupalTestServer.OAuth;

/// <summary>simple_oauth's authentication provider with league's bearer token validator.</summary>
public sealed class BearerAuthenticator(SigningKeys keys, TokenStore tokens)
{
    private const string Scheme = "Bearer";

    /// <summary>Runs <paramref name="handler"/> as the request's caller, or answers 401 if its token is refused.</summary>
    public async Task RunAsync(HttpContext context, Func<Caller, Task> handler)
    {
        Caller caller;
        try
        {
            caller = Authenticate(context.Request.Headers.Authorization.ToString().Trim());
        }
        catch (BearerRejectedException rejected)
        {
            await DrupalResponses.UnauthorizedAsync(context, rejected.Message);
            return;
        }
        await handler(caller);
    }

    private Caller Authenticate(string authorization)
    {
        // simple_oauth looks for "Bearer " anywhere, case-sensitively: "bearer x" is not OAuth and runs as anonymous.
        if (!authorization.Contains(Scheme + " ", StringComparison.Ordinal) && authorization != Scheme)
            return Caller.Anonymous;
        var jwt = authorization.StartsWith(Scheme, StringComparison.Ordinal) && authorization.Length > Scheme.Length
                && char.IsWhiteSpace(authorization[Scheme.Length])
            ? authorization[(Scheme.Length + 1)..].Trim()
            : authorization;
        var parsed = JwtCodec.Parse(jwt);
        if (!JwtCodec.HasValidSignature(parsed, keys.Current) || !IsValidNow(parsed))
            throw new BearerRejectedException("Access token could not be verified");
        if (parsed.Jti is not { } jti || !tokens.TryGet(jti, out var issued))
            throw new BearerRejectedException("Access token has been revoked");
        return new Caller(SiteDirectory.Users[issued.UserUid], issued.Scopes, jwt);
    }

    /// <summary>lcobucci's ValidAt without leeway: dead at exp, not valid before iat or nbf.</summary>
    private static bool IsValidNow(ParsedJwt jwt)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        return !(jwt.NumericClaim("exp") <= now) && !(jwt.NumericClaim("iat") > now) && !(jwt.NumericClaim("nbf") > now);
    }
}
