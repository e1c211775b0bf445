using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using DrupalOAuth.Input;
using DrupalOAuth.Json;

namespace DrupalOAuth.Incremental
{
    /// <summary>
    /// The same-second rule of an incremental read. Drupal's <c>changed</c> counts whole seconds, so the next run
    /// reads <c>changed &gt;= W</c> again, W the highest <c>changed</c> written: an item at W that was written
    /// before with the same content is skipped, one changed again within that second is written again. What the
    /// next run needs is the new W and, for the items at it, their ids and content hashes.
    /// </summary>
    internal sealed class ChangeWatermark
    {
        private readonly long? _previous;
        private readonly IReadOnlyDictionary<string, string> _previousAtWatermark;
        private readonly Dictionary<string, string> _atWatermark = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <param name="previous">W of the last completed run; null on the first run.</param>
        /// <param name="atWatermark">The ids and hashes of the items the last run wrote at W.</param>
        public ChangeWatermark(long? previous, IReadOnlyDictionary<string, string>? atWatermark)
        {
            _previous = previous;
            _previousAtWatermark = atWatermark ?? new Dictionary<string, string>(StringComparer.Ordinal);
            Watermark = previous;
        }

        /// <summary>The highest <c>changed</c> met so far: what the next run reads from.</summary>
        public long? Watermark { get; private set; }

        /// <summary>The items at <see cref="Watermark"/>, id to hash.</summary>
        public IReadOnlyDictionary<string, string> AtWatermark => _atWatermark;

        /// <summary>
        /// Whether an item read (in the order of changed) is to be written: not when the last run wrote it at W as
        /// it is now. Either way it counts toward the new watermark.
        /// </summary>
        public bool Admit(string id, long changed, string hash)
        {
            var unchanged = changed == _previous
                && _previousAtWatermark.TryGetValue(id, out var written)
                && string.Equals(written, hash, StringComparison.Ordinal);
            if (Watermark == null || changed > Watermark)
            {
                Watermark = changed;
                _atWatermark.Clear();
            }

            if (changed == Watermark)
            {
                _atWatermark[id] = hash;
            }

            return !unchanged;
        }

        /// <summary>
        /// The hash of an item as written (its flat object's JSON), the same in every process: SHA-256, the first
        /// 16 bytes in hex. Taken before the item is written, since the pipeline may add to the object.
        /// </summary>
        public static string Hash(object? item)
        {
            var json = JsonRequestWriter.ToUtf8(item, new InputWalk("item"), string.Empty);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(json);
            var text = new StringBuilder(32);
            for (var i = 0; i < 16; i++)
            {
                text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
