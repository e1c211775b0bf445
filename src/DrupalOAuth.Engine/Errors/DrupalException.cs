using System;

namespace DrupalOAuth.Errors
{
    /// <summary>
    /// Every failure the engine reports. <see cref="ErrorId"/> is stable (scripts and tests match on it); the
    /// message says what went wrong and what to do, and never holds a client secret or an access token.
    /// </summary>
    public sealed class DrupalException : Exception
    {
        public DrupalException(string errorId, DrupalErrorCategory category, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public string ErrorId { get; }

        public DrupalErrorCategory Category { get; }

        /// <summary>What the failure concerns: a URI, a client id, a file; never a secret.</summary>
        public object? Target { get; }
    }
}
