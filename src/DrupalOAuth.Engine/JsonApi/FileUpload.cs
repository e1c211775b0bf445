using System;
using System.IO;
using System.Linq;
using DrupalOAuth.Errors;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// The file name of an upload as Drupal reads it: <c>Content-Disposition: file; filename="photo.jpg"</c>, its
    /// extended <c>filename*=</c> form refused, path parts stripped. HTTP headers carry ASCII only, so a name is
    /// checked here, before the file is read, rather than failing inside the request.
    /// </summary>
    internal static class FileUpload
    {
        public static string Name(string path, string? fileName)
        {
            var name = Path.GetFileName((fileName ?? Path.GetFileName(path)).Trim().Replace('\\', '/').Split('/').Last());
            if (name.Length == 0 || name.Any(c => c < 0x20 || c > 0x7E || c == '"'))
            {
                throw new DrupalException(
                    "InvalidFileName",
                    DrupalErrorCategory.InvalidArgument,
                    $"The file name '{name}' cannot be sent to Drupal: the Content-Disposition header carries printable ASCII only, without '\"', and Drupal refuses its extended form. Pass -FileName with such a name, such as photo.jpg.",
                    name);
            }

            return name;
        }

        public static string ContentDisposition(string name) => $"file; filename=\"{name}\"";
    }
}
