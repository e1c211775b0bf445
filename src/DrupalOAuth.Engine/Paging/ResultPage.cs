using System;
using System.Collections.Generic;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Paging
{
    /// <summary>One page of a paged read, ready to write: its items, and what to tell the user about it.</summary>
    public sealed class ResultPage
    {
        internal ResultPage(IReadOnlyList<object?> items, int number, long itemsSoFar, IReadOnlyList<string>? warnings = null, IReadOnlyList<DrupalException>? errors = null)
        {
            Items = items;
            Number = number;
            ItemsSoFar = itemsSoFar;
            Warnings = warnings ?? Array.Empty<string>();
            Errors = errors ?? Array.Empty<DrupalException>();
        }

        public IReadOnlyList<object?> Items { get; }

        /// <summary>1 for the first page.</summary>
        public int Number { get; }

        /// <summary>The items of this page and every page before it that were written.</summary>
        public long ItemsSoFar { get; }

        public IReadOnlyList<string> Warnings { get; }

        /// <summary>Errors that do not end the read (GraphQL errors beside data): written as non-terminating records.</summary>
        public IReadOnlyList<DrupalException> Errors { get; }
    }
}
