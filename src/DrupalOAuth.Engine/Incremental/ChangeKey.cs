using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DrupalOAuth.Json;
using DrupalOAuth.JsonApi;

namespace DrupalOAuth.Incremental
{
    /// <summary>
    /// Where a read in the order of changed, then id, has got to: the last item's changed (Unix seconds) and id.
    /// The next page is a fresh query for the items after it (keyset paging), not the next offset: an item saved
    /// during the read moves to the end and one deleted leaves, which shifts every later item back one place, so
    /// that the item at the next page's edge would never be read.
    /// </summary>
    internal sealed class ChangeKey
    {
        private const string Group = "ks";
        private const string Same = "ks-same";

        public ChangeKey(long changed, string id)
        {
            Changed = changed;
            Id = id;
        }

        public long Changed { get; }

        public string Id { get; }

        /// <summary>
        /// The key of a page's last item (with <paramref name="raw"/>, the last resource of the last document); null
        /// when the page has none, or when that item lacks an id or a time, which only its next link can pass.
        /// </summary>
        public static ChangeKey? Last(IReadOnlyList<object?> items, bool raw)
        {
            var last = raw
                ? (PowerShellValue.Member(items.LastOrDefault(), "data") as object?[])?.LastOrDefault()
                : items.LastOrDefault();
            var attributes = raw ? PowerShellValue.Member(last, "attributes") : last;
            return PowerShellValue.Member(last, "id") is string id && ChangeReader.Changed(PowerShellValue.Member(attributes, EntityQuery.ChangedField)) is long changed
                ? new ChangeKey(changed, id)
                : null;
        }

        /// <summary>
        /// changed &gt; c OR (changed = c AND id &gt; i), as JSON:API filter groups joined by memberOf: names no -Filter
        /// key gives, beside the others at the top level, which JSON:API ANDs. Drupal compares the id (the uuid) as
        /// text, as it sorts it.
        /// </summary>
        public IEnumerable<KeyValuePair<string, string>> Filter()
        {
            var changed = Changed.ToString(CultureInfo.InvariantCulture);
            yield return Pair($"filter[{Group}][group][conjunction]", "OR");
            foreach (var pair in Condition("ks-after", EntityQuery.ChangedField, ">", changed, Group))
            {
                yield return pair;
            }

            yield return Pair($"filter[{Same}][group][conjunction]", "AND");
            yield return Pair($"filter[{Same}][group][memberOf]", Group);
            foreach (var pair in Condition("ks-c", EntityQuery.ChangedField, "=", changed, Same).Concat(Condition("ks-i", "id", ">", Id, Same)))
            {
                yield return pair;
            }
        }

        /// <summary>The key as one text, for telling whether a read asked from it before.</summary>
        public override string ToString() => Changed.ToString(CultureInfo.InvariantCulture) + "/" + Id;

        private static IEnumerable<KeyValuePair<string, string>> Condition(string name, string path, string op, string value, string memberOf)
        {
            var prefix = $"filter[{name}][condition]";
            yield return Pair(prefix + "[path]", path);
            yield return Pair(prefix + "[operator]", op);
            yield return Pair(prefix + "[value]", value);
            yield return Pair(prefix + "[memberOf]", memberOf);
        }

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
