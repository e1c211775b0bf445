using System;
using System.Collections;
using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// A mapping of core's default-content format, keys kept in the order they were added: the order is what makes an
    /// export byte-stable. Values are null, bool, long, double, string, a <see cref="List{T}"/> of values, or another
    /// ContentMap.
    /// </summary>
    public sealed class ContentMap : IEnumerable<KeyValuePair<string, object?>>
    {
        private readonly List<string> _keys = new List<string>();
        private readonly Dictionary<string, object?> _values = new Dictionary<string, object?>(StringComparer.Ordinal);

        public int Count => _keys.Count;

        public IReadOnlyList<string> Keys => _keys;

        /// <summary>Setting a new key appends it; setting an existing one keeps its place.</summary>
        public object? this[string key]
        {
            get => _values.TryGetValue(key, out var value) ? value : null;
            set
            {
                if (!_values.ContainsKey(key))
                {
                    _keys.Add(key);
                }

                _values[key] = value;
            }
        }

        public bool ContainsKey(string key) => _values.ContainsKey(key);

        public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

        public bool Remove(string key)
        {
            if (!_values.Remove(key))
            {
                return false;
            }

            _keys.Remove(key);
            return true;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            foreach (var key in _keys)
            {
                yield return new KeyValuePair<string, object?>(key, _values[key]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
