using System;

namespace DrupalOAuth.Tokens
{
    /// <summary>The time, injected so that tests can move it instead of waiting for a token to age.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }
    }
}
