using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Paging
{
    /// <summary>
    /// A read that comes in pages: each call fetches the next page only when the one before has been written, so
    /// the first item reaches the pipeline before the second page is asked for and memory stays flat.
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
