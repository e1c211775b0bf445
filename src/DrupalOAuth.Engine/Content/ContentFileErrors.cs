using System;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Content
{
    /// <summary>The errors of a content folder and its files, each naming the file (and the line, when it is known).</summary>
    internal static class ContentFileErrors
    {
        public static DrupalException Invalid(string path, long? line, string what, Exception? inner = null) =>
            new DrupalException(
                "InvalidContentFile",
                DrupalErrorCategory.InvalidData,
                $"'{path}'{(line is long l ? $", line {l}" : string.Empty)} is not a default-content file: {what.TrimEnd('.')}. Correct or remove the file; it is read as Drupal core's default-content format (_meta, default, translations).",
                path,
                inner);

        public static DrupalException Refused(string path, string what) =>
            new DrupalException(
                "InvalidContentFile",
                DrupalErrorCategory.InvalidData,
                $"{what.TrimEnd('.')}: it would name a file outside the folder '{path}', so nothing was written or read there.",
                path);

        public static DrupalException FolderNotFound(string root) =>
            new DrupalException(
                "ContentFolderNotFound",
                DrupalErrorCategory.ObjectNotFound,
                $"The content folder '{root}' does not exist. Pass the folder an export wrote, or a recipe's content folder.",
                root);

        public static DrupalException WriteFailed(string path, Exception e) =>
            new DrupalException(
                "ContentWriteFailed",
                DrupalErrorCategory.ResourceUnavailable,
                $"'{path}' could not be written: {e.Message.TrimEnd('.')}. Pass a folder that you may write to, on a disk with room for the content; a file that was there was left as it was.",
                path,
                e);
    }
}
