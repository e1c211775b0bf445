using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>Where a YAML file's maps, lists and keys began, for errors that name the line.</summary>
    internal sealed class ContentLines
    {
        // ContentMap and List compare by reference, which is what tells two equal-looking maps apart.
        private readonly Dictionary<object, long> _starts = new Dictionary<object, long>();
        private readonly Dictionary<ContentMap, Dictionary<string, long>> _keys = new Dictionary<ContentMap, Dictionary<string, long>>();

        public void Start(object container, long line) => _starts[container] = line;

        public void Key(ContentMap map, string key, long line)
        {
            if (!_keys.TryGetValue(map, out var keys))
            {
                _keys[map] = keys = new Dictionary<string, long>(System.StringComparer.Ordinal);
            }

            keys[key] = line;
        }

        /// <summary>The key's line when it is known, else where the container began; null when neither is.</summary>
        public long? Of(object? container, string? key = null)
        {
            if (container is ContentMap map && key != null && _keys.TryGetValue(map, out var keys) && keys.TryGetValue(key, out var line))
            {
                return line;
            }

            return container != null && _starts.TryGetValue(container, out var start) ? start : (long?)null;
        }
    }
}
