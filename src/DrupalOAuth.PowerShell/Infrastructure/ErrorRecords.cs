using System;
using System.Management.Automation;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// The one place where engine failures become PowerShell error records: from here they reach $Error,
    /// transcripts and job logs, so each is first scrubbed of every secret and token the module holds (a server
    /// that echoes its request quotes them in what it says, and the engine puts what it says into messages).
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(DrupalException exception)
        {
            var scrubbed = SecretScrubber.Shared.Scrub(exception);
            return new ErrorRecord(scrubbed, scrubbed.ErrorId, ToCategory(scrubbed.Category), scrubbed.Target);
        }

        public static ErrorRecord From(string errorId, DrupalErrorCategory category, string message, object? target) =>
            From(new DrupalException(errorId, category, message, target));

        // DrupalErrorCategory names only members of ErrorCategory (a unit test holds it to that).
        private static ErrorCategory ToCategory(DrupalErrorCategory category) =>
            (ErrorCategory)Enum.Parse(typeof(ErrorCategory), category.ToString());
    }
}
