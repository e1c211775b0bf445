using System;
using System.IO;

namespace DrupalOAuth.Content
{
    /// <summary>Core's JSON form of one entity (core 11.4's importer reads <c>*.json</c> beside <c>*.yml</c>): the same members as the YAML.</summary>
    public static class ContentJson
    {
        /// <summary>Parses one entity file; an invalid one is a DrupalException (ErrorId InvalidContentFile) naming the file.</summary>
        public static ContentEntity Read(Stream stream, string path) => throw new NotImplementedException();
    }
}
