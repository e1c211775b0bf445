using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Paging
{
    /// <summary>
    /// A read that comes in pages, each handed out as soon as it has come, so that the first item reaches the
    /// pipeline at once and memory stays flat: a pager fetches at most a bounded number of pages ahead (JSON:API
    /// one, or its throttle limit; GraphQL none).
    /// </summary>
    public interface IResultPager
    {
        /// <summary>What is being read, for progress: "node--article from https://www.example.com/".</summary>
        string Description { get; }

        /// <summary>The total Drupal reported, when it did (JSON:API meta.count, GraphQL count or total).</summary>
        long? TotalCount { get; }

        /// <summary>The next page, or null when the read is done.</summary>
        Task<ResultPage?> NextPageAsync(IDrupalLog log, CancellationToken cancellationToken);

        /// <summary>Warnings about the read as a whole, once it is done: items left out, more pages not read.</summary>
        IReadOnlyList<string> Finish();
    }
}
