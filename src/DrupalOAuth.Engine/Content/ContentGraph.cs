using System;
using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// The references between a folder's entities: the order to create them in (what they reference first), the
    /// references that close a cycle (sent in a second pass, once both ends exist), and those to UUIDs not in the folder.
    /// </summary>
    /// <remarks>
    /// The order is a depth-first post-order taken in input order, with an explicit stack so that a chain of any length
    /// fits: an entity comes right after what it references, and a reference to an entity still on the stack is the one
    /// that closes a cycle, so the same input always defers the same references.
    /// </remarks>
    public sealed class ContentGraph
    {
        /// <summary>Stands for the references <c>_meta.depends</c> lists that no field item carries.</summary>
        public const string DependsField = "_meta.depends";

        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<ContentEntity> _nodes = new List<ContentEntity>();
        private readonly List<List<ContentReference>> _edges = new List<List<ContentReference>>();
        private readonly HashSet<ContentReference> _deferredSet = new HashSet<ContentReference>();
        private readonly List<ContentEntity> _order = new List<ContentEntity>();
        private readonly List<ContentReference> _deferred = new List<ContentReference>();
        private readonly List<ContentReference> _missing = new List<ContentReference>();

        public ContentGraph(IEnumerable<ContentEntity> entities)
        {
            if (entities == null)
            {
                throw new ArgumentNullException(nameof(entities));
            }

            foreach (var entity in entities)
            {
                // A second entity with a UUID already seen is a problem the folder reader reports; the graph keeps the first.
                if (!_index.ContainsKey(entity.Uuid))
                {
                    _index.Add(entity.Uuid, _nodes.Count);
                    _nodes.Add(entity);
                }
            }

            foreach (var entity in _nodes)
            {
                var edges = new List<ContentReference>();
                foreach (var reference in AllReferences(entity))
                {
                    if (_index.ContainsKey(reference.ToUuid))
                    {
                        edges.Add(reference);
                    }
                    else
                    {
                        _missing.Add(reference);
                    }
                }

                _edges.Add(edges);
            }

            Sort();
        }

        /// <summary>Every entity once, each after what it references (but for Deferred); ties kept in input order.</summary>
        public IReadOnlyList<ContentEntity> Order => _order;

        /// <summary>References left out of the first write of their entity, because they close a cycle.</summary>
        public IReadOnlyList<ContentReference> Deferred => _deferred;

        /// <summary>References to UUIDs that no entity of the graph has (the target may have them).</summary>
        public IReadOnlyList<ContentReference> Missing => _missing;

        /// <summary>Whether this reference is left out of its entity's first write.</summary>
        public bool IsDeferred(ContentReference reference) => _deferredSet.Contains(reference);

        /// <summary>The UUIDs an entity must wait for (in the graph, not deferred).</summary>
        public IReadOnlyList<string> DependenciesOf(string uuid)
        {
            if (!_index.TryGetValue(uuid, out var node))
            {
                return Array.Empty<string>();
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<string>();
            foreach (var edge in _edges[node])
            {
                if (!_deferredSet.Contains(edge) && seen.Add(edge.ToUuid))
                {
                    result.Add(edge.ToUuid);
                }
            }

            return result;
        }

        /// <summary>An entity's references: <c>entity: &lt;uuid&gt;</c> items of its fields and translations, each once per field.</summary>
        public static IReadOnlyList<ContentReference> References(ContentEntity entity)
        {
            if (entity == null)
            {
                throw new ArgumentNullException(nameof(entity));
            }

            var result = new List<ContentReference>();
            AddReferences(entity, entity.Fields, string.Empty, result);
            foreach (var translation in entity.Translations)
            {
                AddReferences(entity, translation.Value, "translations." + translation.Key + ".", result);
            }

            return result;
        }

        private static IEnumerable<ContentReference> AllReferences(ContentEntity entity)
        {
            var references = References(entity);
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in references)
            {
                referenced.Add(reference.ToUuid);
                yield return reference;
            }

            foreach (var depend in entity.Depends)
            {
                if (!referenced.Contains(depend.Key))
                {
                    yield return new ContentReference(entity.Uuid, DependsField, depend.Key, depend.Value as string);
                }
            }
        }

        private static void AddReferences(ContentEntity entity, ContentMap fields, string prefix, List<ContentReference> result)
        {
            foreach (var field in fields)
            {
                if (!(field.Value is List<object?> items))
                {
                    continue;
                }

                HashSet<string>? seen = null;
                foreach (var item in items)
                {
                    if (item is ContentMap map && map["entity"] is string target && target.Length > 0)
                    {
                        seen ??= new HashSet<string>(StringComparer.Ordinal);
                        if (seen.Add(target))
                        {
                            result.Add(new ContentReference(entity.Uuid, prefix + field.Key, target, entity.Depends[target] as string));
                        }
                    }
                }
            }
        }

        private void Sort()
        {
            const byte White = 0, Grey = 1, Black = 2;
            var state = new byte[_nodes.Count];
            var stack = new Stack<KeyValuePair<int, int>>();
            for (var root = 0; root < _nodes.Count; root++)
            {
                if (state[root] != White)
                {
                    continue;
                }

                state[root] = Grey;
                stack.Push(new KeyValuePair<int, int>(root, 0));
                while (stack.Count > 0)
                {
                    var top = stack.Pop();
                    var node = top.Key;
                    var next = top.Value;
                    var edges = _edges[node];
                    var descended = false;
                    while (next < edges.Count)
                    {
                        var edge = edges[next++];
                        var target = _index[edge.ToUuid];
                        if (state[target] == Grey)
                        {
                            _deferred.Add(edge);
                            _deferredSet.Add(edge);
                        }
                        else if (state[target] == White)
                        {
                            stack.Push(new KeyValuePair<int, int>(node, next));
                            state[target] = Grey;
                            stack.Push(new KeyValuePair<int, int>(target, 0));
                            descended = true;
                            break;
                        }
                    }

                    if (!descended)
                    {
                        state[node] = Black;
                        _order.Add(_nodes[node]);
                    }
                }
            }
        }
    }
}
