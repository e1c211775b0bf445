using System;
using System.Security.Cryptography;
using System.Text;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The UUID (version 5, RFC 4122) of an entity an import creates: derived from the site, the resource type, the key
    /// field and its value, so that an import run again after a lost answer finds the entity it made instead of making
    /// a second one.
    /// </summary>
    internal static class DerivedUuid
    {
        /// <summary>
        /// This module's own namespace (made once at random): other tools deriving UUIDs from the same names get
        /// different ones, so an import never collides with them. Changing it would make every later import create
        /// again what an earlier one made.
        /// </summary>
        internal const string NamespaceId = "decf48e7-738b-4b1b-afa8-aece0367e4ef";

        private static readonly Guid Namespace = new Guid(NamespaceId);

        public static string For(Uri site, string typeName, string keyField, string keyValue) =>
            For(Namespace, Site(site) + "\n" + typeName + "\n" + keyField + "\n" + keyValue);

        /// <summary>The version 5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>, lower-case.</summary>
        internal static string For(Guid namespaceId, string name)
        {
            var space = NetworkOrder(namespaceId.ToByteArray());
            var text = Encoding.UTF8.GetBytes(name);
            var input = new byte[space.Length + text.Length];
            Buffer.BlockCopy(space, 0, input, 0, space.Length);
            Buffer.BlockCopy(text, 0, input, space.Length, text.Length);
            byte[] hash;
            using (var sha1 = SHA1.Create())
            {
                hash = sha1.ComputeHash(input);
            }

            var uuid = new byte[16];
            Array.Copy(hash, uuid, 16);
            uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
            uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
            return new Guid(NetworkOrder(uuid)).ToString("D");
        }

        /// <summary>The site as one text whatever way it was written: scheme and host lower-case, no trailing slash, no query.</summary>
        private static string Site(Uri site) =>
            site.Scheme.ToLowerInvariant() + "://" + site.Authority.ToLowerInvariant() + site.AbsolutePath.TrimEnd('/');

        /// <summary>Guid's bytes keep its first three groups little-endian; RFC 4122 hashes and writes them big-endian (the swap is its own inverse).</summary>
        private static byte[] NetworkOrder(byte[] bytes)
        {
            var swapped = (byte[])bytes.Clone();
            Array.Reverse(swapped, 0, 4);
            Array.Reverse(swapped, 4, 2);
            Array.Reverse(swapped, 6, 2);
            return swapped;
        }
    }
}
