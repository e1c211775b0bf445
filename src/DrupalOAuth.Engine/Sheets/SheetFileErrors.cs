using System;
using System.IO;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Sheets
{
    /// <summary>The errors of a sheet file that cannot be written or read, each naming the file.</summary>
    internal static class SheetFileErrors
    {
        // On Windows, what Excel's lock on an open workbook gives: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, and
        // ERROR_UNABLE_TO_REMOVE_REPLACED when the finished file is to take the open one's place.
        private const int SharingViolation = unchecked((int)0x80070020);
        private const int LockViolation = unchecked((int)0x80070021);
        private const int UnableToRemoveReplaced = unchecked((int)0x80070497);

        public static DrupalException WriteFailed(string path, Exception e) =>
            new DrupalException(
                "SheetWriteFailed",
                DrupalErrorCategory.ResourceUnavailable,
                IsLocked(e)
                    ? $"'{path}' could not be written: another program has it open. Close it in Excel (or whatever holds it) and run the command again; the file was left as it was."
                    : $"'{path}' could not be written: {e.Message.TrimEnd('.')}. Pass a path in a folder that exists and that you may write to, on a disk with room for the file; a file that was there was left as it was.",
                path,
                e);

        public static DrupalException ReadFailed(string path, Exception e) =>
            new DrupalException(
                "SheetReadFailed",
                DrupalErrorCategory.ResourceUnavailable,
                IsLocked(e)
                    ? $"'{path}' could not be read: another program holds it locked. Close it in Excel (or whatever holds it) and run the command again."
                    : $"'{path}' could not be read: {e.Message.TrimEnd('.')}. Check that the file exists and that you may read it.",
                path,
                e);

        /// <summary>A file that was read but is not a sheet this module can take; <paramref name="what"/> says where and what to do.</summary>
        public static DrupalException Invalid(string path, string what, Exception? inner = null) =>
            new DrupalException(
                "InvalidSheet",
                DrupalErrorCategory.InvalidData,
                $"'{path}' {what}",
                path,
                inner);

        private static bool IsLocked(Exception e) =>
            e is IOException && (e.HResult == SharingViolation || e.HResult == LockViolation || e.HResult == UnableToRemoveReplaced);
    }
}
