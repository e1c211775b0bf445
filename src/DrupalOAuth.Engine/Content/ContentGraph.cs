using System;
using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// The references between a folder's entities: the order to create them in (what they reference first), the
    /// references that close a cycle (sent in a second pass, once both ends exist), and those to UUIDs not in the folder.
    /// </summary>
    public sealed class ContentGraph
    {
        public ContentGraph(IEnumerable<ContentEntity> entities) => throw new NotImplementedException();

        /// <summary>Every entity once, each after what it references (but for Deferred); ties kept in input order.</summary>
        public IReadOnlyList<ContentEntity> Order => throw new NotImplementedException();

        /// <summary>References left out of the first write of their entity, because they close a cycle.</summary>
        public IReadOnlyList<ContentReference> Deferred => throw new NotImplementedException();

        /// <summary>References to UUIDs that no entity of the graph has (the target may have them).</summary>
        public IReadOnlyList<ContentReference> Missing => throw new NotImplementedException();

        /// <summary>The UUIDs an entity must wait for (in the graph, not deferred).</summary>
        public IReadOnlyList<string> DependenciesOf(string uuid) => throw new NotImplementedException();

        /// <summary>An entity's references: <c>entity: &lt;uuid&gt;</c> items of its fields and translations, each once per field.</summary>
        public static IReadOnlyList<ContentReference> References(ContentEntity entity) => throw new NotImplementedException();
    }
}
