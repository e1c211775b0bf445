using System;
using System.Collections.Generic;
using System.Linq;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Follows a dotted path such as <c>nodeQuery.entities</c> through converted JSON. Arrays met on the way are
    /// walked item by item, as PowerShell's member enumeration does, and the items at the end come out one by one.
    /// </summary>
    public static class PSObjectPath
    {
        /// <summary>The field names of a dotted path; InvalidExpandPath when it has none.</summary>
        public static string[] Segments(string? path)
        {
            var segments = (path ?? string.Empty).Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToArray();
            if (segments.Length == 0 || segments.Any(s => s.Length == 0))
            {
                throw new DrupalException(
                    "InvalidExpandPath",
                    DrupalErrorCategory.InvalidArgument,
                    $"-ExpandPath '{path}' is not a dotted path of field names, such as 'nodeQuery.entities'.",
                    path);
            }

            return segments;
        }

        public static IReadOnlyList<object?> Expand(object? root, string path)
        {
            var segments = Segments(path);
            IEnumerable<object?> current = new[] { root };
            var walked = new List<string>();
            foreach (var segment in segments)
            {
                var next = new List<object?>();
                foreach (var item in Flatten(current))
                {
                    if (item == null)
                    {
                        continue;
                    }

                    if (!PowerShellValue.HasMember(item, segment))
                    {
                        var at = walked.Count == 0 ? "the response data" : "'" + string.Join(".", walked) + "'";
                        var names = PowerShellValue.MemberNames(item);
                        throw new DrupalException(
                            "ExpandPathNotFound",
                            DrupalErrorCategory.InvalidArgument,
                            $"-ExpandPath '{path}': {at} has no field '{segment}'{(names.Length == 0 ? "." : $"; it has: {names}.")}",
                            path);
                    }

                    next.Add(PowerShellValue.Member(item, segment));
                }

                walked.Add(segment);
                current = next;
            }

            return Flatten(current).ToList();
        }

        private static IEnumerable<object?> Flatten(IEnumerable<object?> values)
        {
            foreach (var value in values)
            {
                if (value is object?[] array)
                {
                    foreach (var item in array)
                    {
                        yield return item;
                    }
                }
                else
                {
                    yield return value;
                }
            }
        }
    }
}
