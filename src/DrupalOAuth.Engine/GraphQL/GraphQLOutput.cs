using System;

namespace DrupalOAuth.GraphQL
{
    /// <summary>
    /// How a GraphQL answer is handed out: as PSCustomObjects or as ordered dictionaries (-AsHashtable); and, for
    /// one call with -ExpandPath, the items at that path one by one, each as soon as it has arrived.
    /// </summary>
    public sealed class GraphQLOutput
    {
        public static readonly GraphQLOutput Default = new GraphQLOutput();

        /// <param name="expandPath">A dotted path into <c>data</c>; its items go to <paramref name="onItem"/>.</param>
        /// <param name="onItem">Called on a worker thread, in order, for each item at <paramref name="expandPath"/>.</param>
        public GraphQLOutput(bool asHashtable = false, string? expandPath = null, Action<object?>? onItem = null)
        {
            AsHashtable = asHashtable;
            ExpandPath = onItem == null ? null : expandPath;
            OnItem = expandPath == null ? null : onItem;
        }

        public bool AsHashtable { get; }

        public string? ExpandPath { get; }

        public Action<object?>? OnItem { get; }
    }
}
