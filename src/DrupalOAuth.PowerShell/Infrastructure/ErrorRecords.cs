using System;
using System.Management.Automation;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>The one place where engine failures become PowerShell error records.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(DrupalException exception) =>
            new ErrorRecord(exception, exception.ErrorId, ToCategory(exception.Category), exception.Target);

        public static ErrorRecord From(string errorId, DrupalErrorCategory category, string message, object? target) =>
            From(new DrupalException(errorId, category, message, target));

        // DrupalErrorCategory names only members of ErrorCategory (a unit test holds it to that).
        private static ErrorCategory ToCategory(DrupalErrorCategory category) =>
            (ErrorCategory)Enum.Parse(typeof(ErrorCategory), category.ToString());
    }
}
