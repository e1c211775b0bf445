using System;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The UUID (version 5, RFC 4122) of an entity an import creates: derived from the site, the resource type, the key
    /// field and its value, so that an import run again after a lost answer finds the entity it made instead of making
    /// a second one.
    /// </summary>
    internal static class DerivedUuid
    {
        public static string For(Uri site, string typeName, string keyField, string keyValue) => throw new NotImplementedException();
    }
}
