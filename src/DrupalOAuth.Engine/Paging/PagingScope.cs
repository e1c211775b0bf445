namespace DrupalOAuth.Paging
{
    /// <summary>
    /// How much of a paged result to read: the first page only (the default, with a warning when there is more),
    /// every page (-All), or pages until <see cref="First"/> items are written; <see cref="Skip"/> items first.
    /// </summary>
    public sealed class PagingScope
    {
        public PagingScope(bool all = false, ulong? first = null, ulong skip = 0)
        {
            All = all;
            First = first;
            Skip = skip;
        }

        public bool All { get; }

        public ulong? First { get; }

        public ulong Skip { get; }

        /// <summary>Neither -All nor -First: one page.</summary>
        public bool OnePage => !All && First == null;
    }
}
