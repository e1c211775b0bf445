using System;
using System.Collections.Generic;

namespace DrupalOAuth.Errors
{
    /// <summary>
    /// Every failure the engine reports. <see cref="ErrorId"/> is stable (scripts and tests match on it); the
    /// message says what went wrong and what to do, and never holds a client secret or an access token.
    /// </summary>
    public sealed class DrupalException : Exception
    {
        public DrupalException(string errorId, DrupalErrorCategory category, string message, object? target = null, Exception? inner = null, IReadOnlyList<DrupalException>? furtherErrors = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
            FurtherErrors = furtherErrors ?? Array.Empty<DrupalException>();
        }

        public string ErrorId { get; }

        public DrupalErrorCategory Category { get; }

        /// <summary>What the failure concerns: a URI, a client id, a file; never a secret.</summary>
        public object? Target { get; }

        /// <summary>
        /// The other errors of the same answer, when Drupal gave several (a JSON:API 422 lists one per field): each
        /// becomes an error record of its own, before this one.
        /// </summary>
        public IReadOnlyList<DrupalException> FurtherErrors { get; }
    }
}
