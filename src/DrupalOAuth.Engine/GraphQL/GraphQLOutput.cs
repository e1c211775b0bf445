using System;
using System.Collections.Generic;
using System.Threading;

namespace DrupalOAuth.GraphQL
{
    /// <summary>
    /// How a GraphQL answer is handed out: as PSCustomObjects or as ordered dictionaries (-AsHashtable); and, for
    /// one call with -ExpandPath, the items at that path one by one, each as soon as it has arrived.
    /// </summary>
    public sealed class GraphQLOutput
    {
        public static readonly GraphQLOutput Default = new GraphQLOutput();

        /// <param name="expandPath">A dotted path into <c>data</c>; its items go to <paramref name="onItems"/>.</param>
        /// <param name="onItems">
        /// Called on a worker thread, in order, with the items at <paramref name="expandPath"/> that each read of the
        /// answer completed and the token that ends the read; it may wait for room downstream (back-pressure).
        /// </param>
        public GraphQLOutput(bool asHashtable = false, string? expandPath = null, Action<IReadOnlyList<object?>, CancellationToken>? onItems = null)
        {
            AsHashtable = asHashtable;
            ExpandPath = onItems == null ? null : expandPath;
            OnItems = expandPath == null ? null : onItems;
        }

        public bool AsHashtable { get; }

        public string? ExpandPath { get; }

        public Action<IReadOnlyList<object?>, CancellationToken>? OnItems { get; }
    }
}
