using System;
using System.IO;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Core's YAML for one entity, as Drupal's Symfony YAML dump writes it (block style, two-space indent, list items as
    /// "-" on a line of their own, single quotes only where needed), and read from any YAML core's importer reads.
    /// </summary>
    public static class ContentYaml
    {
        /// <summary>Parses one entity file; a file that is no default-content entity is a DrupalException (ErrorId InvalidContentFile) naming the file and the line.</summary>
        public static ContentEntity Read(TextReader reader, string path) => throw new NotImplementedException();

        /// <summary>The file's text: the same entity always gives the same bytes (UTF-8, "\n" line ends, ending with one).</summary>
        public static string Write(ContentEntity entity) => throw new NotImplementedException();
    }
}
