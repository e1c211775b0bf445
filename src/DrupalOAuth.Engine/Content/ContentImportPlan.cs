using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace DrupalOAuth.Content
{
    /// <summary>The pre-flight of a whole folder: every entity parsed, ordered, resolved and compared with the site before the first write.</summary>
    public sealed class ContentImportPlan
    {
        private readonly Dictionary<string, PlannedContent> _byUuid;

        internal ContentImportPlan(IReadOnlyList<PlannedContent> items, string? stopReason, ContentGraph? graph, IReadOnlyList<string> warnings)
        {
            Items = items;
            StopReason = stopReason;
            Graph = graph;
            Warnings = warnings;
            _byUuid = items.GroupBy(i => i.Entity.Uuid, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>In the order to write them: what an entity references before it.</summary>
        public IReadOnlyList<PlannedContent> Items { get; }

        /// <summary>Why nothing will be written (files that do not parse...); null when the import may go on.</summary>
        public string? StopReason { get; }

        /// <summary>Read requests the pre-flight made.</summary>
        public int LookupRequests { get; internal set; }

        /// <summary>What the user should know before the writes: each user the site lacks and whom its references go to.</summary>
        public IReadOnlyList<string> Warnings { get; }

        internal ContentGraph? Graph { get; }

        /// <summary>UUID of the folder → where it is on the site: entities found there, users mapped to -DefaultUser, and (as the writes go) those made.</summary>
        internal ConcurrentDictionary<string, ResolvedReference> Targets { get; } = new ConcurrentDictionary<string, ResolvedReference>(StringComparer.OrdinalIgnoreCase);

        /// <summary>"type name\nfield": whether the site takes the field as a list, as seen on its entities of the type.</summary>
        internal Dictionary<string, bool> Shapes { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>"type name\nfield" that the consumer was refused (403) during this import: not sent again.</summary>
        internal ConcurrentDictionary<string, bool> Refused { get; } = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>
        /// Done once every entity of the plan that <paramref name="item"/> waits for is settled (on the site, or not to
        /// be): a caller that holds writes in flight waits for this before it starts the item's, so that no write
        /// holds a slot waiting for one that has none.
        /// </summary>
        public Task DependenciesSettled(PlannedContent item) =>
            Graph == null
                ? Task.CompletedTask
                : Task.WhenAll(Graph.DependenciesOf(item.Entity.Uuid).Select(Find).OfType<PlannedContent>().Select(d => (Task)d.Settled));

        internal PlannedContent? Find(string uuid) => _byUuid.TryGetValue(uuid, out var item) ? item : null;

        /// <summary>Whether <paramref name="item"/> is to be written: the plan did not stop, and the item is created or updated.</summary>
        public bool WillWrite(PlannedContent item) => StopReason == null && item.Writes;
    }
}
