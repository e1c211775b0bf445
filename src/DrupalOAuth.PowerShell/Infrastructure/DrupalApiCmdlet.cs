using System.Management.Automation;
using DrupalOAuth.Http;
using DrupalOAuth.Paging;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// A cmdlet that sends requests to Drupal: it takes Invoke-RestMethod's -TimeoutSec, -MaximumRetryCount and
    /// -RetryIntervalSec, and -MaximumResponseSize, for this call only, and writes paged reads page by page as they arrive.
    /// </summary>
    public abstract class DrupalApiCmdlet : DrupalCmdlet
    {
        private const int ProgressActivityId = 0x44_72_75;

        /// <summary>Bounds each attempt of this call, its body included; the connection's -TimeoutSec otherwise.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? TimeoutSec { get; set; }

        /// <summary>Retries for this call; the connection's -MaximumRetryCount otherwise.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int? MaximumRetryCount { get; set; }

        /// <summary>The first wait between this call's retries when Drupal sends no Retry-After; it doubles each time.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int? RetryIntervalSec { get; set; }

        /// <summary>The most bytes an answer of this call may hold once inflated (0: no limit); the connection's -MaximumResponseSize otherwise.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? MaximumResponseSize { get; set; }

        protected CallOptions CallOptions => new CallOptions(TimeoutSec, MaximumRetryCount, RetryIntervalSec, MaximumResponseSize, Limit);

        /// <summary>The call's adaptive limit of requests in flight (-ThrottleLimit), which its requests report to; null: none.</summary>
        protected AdaptiveLimit? Limit { get; set; }

        /// <summary>-First, -Skip and -All as the engine's paging scope (SupportsPaging's -First is ulong.MaxValue when not given).</summary>
        protected PagingScope ReadScope(bool all) =>
            new PagingScope(
                all,
                MyInvocation.BoundParameters.ContainsKey("First") ? PagingParameters.First : (ulong?)null,
                PagingParameters?.Skip ?? 0);

        // A record of its own each time: a host may keep the records it was given.
        private static ProgressRecord Progress(IResultPager pager, string status) =>
            new ProgressRecord(ProgressActivityId, "Reading " + pager.Description, status);

        /// <summary>
        /// Writes each page's items as soon as the page arrives (the pager decides how far ahead it fetches), with progress
        /// when more than one page is read, and the read's warnings at the end.
        /// </summary>
        protected void WritePages(IResultPager pager, PagingScope scope) =>
            ForEachPage(pager, scope, "items", page =>
            {
                foreach (var item in page.Items)
                {
                    WriteObject(item);
                }
            });

        /// <summary>
        /// Hands each page to <paramref name="write"/> as soon as it arrives, after its warnings and errors, with
        /// progress ("120 <paramref name="noun"/> in 3 pages") when more than one page is read, and the read's
        /// warnings at the end.
        /// </summary>
        protected void ForEachPage(IResultPager pager, PagingScope scope, string noun, System.Action<ResultPage> write)
        {
            var showProgress = !scope.OnePage;
            string? status = null;
            for (var page = Await(pager.NextPageAsync); page != null; page = Await(pager.NextPageAsync))
            {
                if (page.Number == 1 && PagingParameters?.IncludeTotalCount == true)
                {
                    WriteObject(PagingParameters.NewTotalCount((ulong)(pager.TotalCount ?? 0), pager.TotalCount == null ? 0.0 : 1.0));
                }

                foreach (var warning in page.Warnings)
                {
                    WriteWarning(warning);
                }

                foreach (var error in page.Errors)
                {
                    WriteError(error);
                }

                write(page);

                if (showProgress)
                {
                    status = $"{page.ItemsSoFar} {noun} in {page.Number} page{(page.Number == 1 ? string.Empty : "s")}";
                    var progress = Progress(pager, status);
                    if (pager.TotalCount is long total && total > 0)
                    {
                        progress.PercentComplete = (int)System.Math.Min(100, page.ItemsSoFar * 100 / total);
                    }

                    WriteProgress(progress);
                }
            }

            if (status != null)
            {
                var done = Progress(pager, status);
                done.RecordType = ProgressRecordType.Completed;
                WriteProgress(done);
            }

            foreach (var warning in pager.Finish())
            {
                WriteWarning(warning);
            }
        }
    }
}
