using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Paging;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// Reads a JSON:API collection page by page, following <c>links.next</c> until Drupal gives none: never until
    /// a short page, since Drupal removes the items the user may not see after cutting the page. A next link on
    /// another origin is followed on the connection's own, so the token never leaves its site; one that leaves the
    /// collection's route (another type, language or path) or leads back to a page already read is an error once
    /// the page that gave it is written, and a resource already written is never written again. What Drupal left
    /// out, and what was not read, is told once the read is done.
    /// </summary>
    /// <remarks>
    /// Round trips, not parsing, decide how long a whole read takes (a real Drupal spends 20–130 ms on a page of
    /// 50), so the next page is requested as soon as a page has come, while the pipeline is still busy with it:
    /// at most one page ahead, so memory stays flat. With a throttle limit above one, and next links that page
    /// by offset, up to that many pages are fetched at once from links written ahead; each is checked against the
    /// link Drupal gives when the page before arrives, and a mismatch falls back to following the links. Items
    /// are still written in order, and no more than that many pages are held. An <see cref="AdaptiveLimit"/> decides
    /// how many of those requests are in flight: it backs off when the site answers 429 or 503, and stops the read
    /// when the site keeps failing.
    /// </remarks>
    public sealed class EntityPager : IResultPager
    {
        /// <summary>Drupal's page size unless the site raises it; a -First below it asks for no more than needed.</summary>
        private const int DrupalPageLimit = 50;

        private readonly JsonApiClient _client;
        private EntityQuery _query;
        private readonly PagingScope _scope;
        private readonly bool _raw;
        private readonly CallOptions _options;
        private readonly int _pagesAtOnce;
        private readonly AdaptiveLimit _limit;
        private readonly Queue<Fetch> _ahead = new Queue<Fetch>();
        private readonly bool _byKey;
        private PagingHistory _history = new PagingHistory();
        private int? _pageLimit;
        private Uri? _collection;
        private DrupalException? _refusedNext;
        private CancellationTokenSource? _aheadCancel;
        private CancellationToken _stopping;
        private bool _predictOffsets;
        private string? _typeName;
        private Uri? _next;
        private KeyValuePair<string, string>? _only;
        private bool _started;
        private bool _done;
        private bool _moreNotRead;
        private bool _originWarned;
        private int _pages;
        private long _written;
        private long _omitted;
        private string? _omittedDetail;
        private long _otherLanguage;
        private long _resources;
        private string? _otherLanguageCode;

        /// <param name="pagesAtOnce">How many page requests may be in flight at once (-ThrottleLimit), at most; the options' limit, or one made with this maximum, decides how many are.</param>
        /// <param name="byKey">The caller moves the read on with <see cref="ContinueWith"/> after each page (keyset paging), so no page is fetched ahead.</param>
        internal EntityPager(JsonApiClient client, EntityQuery query, PagingScope scope, bool raw, CallOptions options, int pagesAtOnce = 1, bool byKey = false)
        {
            _byKey = byKey;
            _client = client;
            _query = query;
            _scope = scope;
            _raw = raw;
            _pagesAtOnce = Math.Max(1, pagesAtOnce);
            _limit = options.Limit ?? new AdaptiveLimit(Math.Min(_pagesAtOnce, 16));
            _options = options.Limit != null ? options : new CallOptions(options.TimeoutSec, options.MaximumRetryCount, options.RetryIntervalSec, options.MaximumResponseSize, _limit);
        }

        public string Description => $"{_typeName ?? _query.EntityType} from {_client.SiteUri}";

        public long? TotalCount { get; private set; }

        public async Task<ResultPage?> NextPageAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_refusedNext != null)
            {
                var refused = _refusedNext;
                _refusedNext = null;
                throw refused;
            }

            if (_done || _scope.First == 0)
            {
                return null;
            }

            var warnings = new List<string>();
            Fetch fetch;
            if (!_started)
            {
                var index = await _client.GetIndexAsync(_options, log, cancellationToken).ConfigureAwait(false);
                var type = index.Resolve(_query.EntityType, _query.Bundle, _client.BaseUri);
                _typeName = type.Key;
                if (index.ForeignOrigin != null)
                {
                    _originWarned = true;
                    warnings.Add(_client.ForeignOriginWarning(index.ForeignOrigin));
                }

                _pageLimit = _query.PageSize ?? (_scope.First is ulong first && first < DrupalPageLimit ? (int)Math.Max(first, 1) : (int?)null);
                _collection = _client.Collection(type.Value, _query.Language);
                var firstPage = SitePath.WithQuery(_collection, _query.Parameters(type.Key, collection: true, _pageLimit, _scope.Skip));
                _history.Ask(OffsetLink.Page(firstPage));
                _started = true;
                _stopping = cancellationToken;
                _aheadCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _predictOffsets = _pagesAtOnce > 1 && !_scope.OnePage;
                fetch = Start(firstPage);
            }
            else
            {
                fetch = _ahead.Count > 0 ? _ahead.Dequeue() : Start(_next!);
            }

            var uri = fetch.Uri;
            JsonApiDocument document;
            try
            {
                document = await fetch.Document.ConfigureAwait(false);
            }
            catch (DrupalException e) when (e.ErrorId == AdaptiveLimit.SiteFailingId)
            {
                StopFetching();

                // Made again now that every page before this one was handed out, so that it counts all their items.
                throw _limit.Failure();
            }
            catch
            {
                StopFetching();
                throw;
            }
            finally
            {
                fetch.Log.WriteTo(log);
            }

            _pages++;
            TotalCount ??= document.Count;
            _omitted += document.Omitted;
            _omittedDetail ??= document.OmittedDetail;
            _resources += document.Resources;
            _otherLanguage += document.OtherLanguage;
            _otherLanguageCode ??= document.OtherLanguageCode;

            var items = document.Items;
            var resources = document.Resources;
            var fresh = _history.Admit(document.Ids);
            var repeated = fresh.Count(isNew => !isNew);
            if (repeated > 0)
            {
                if (repeated == resources)
                {
                    StopFetching();
                    throw PagingHistory.Loop(
                        $"Page {_pages} of {Description} ({uri}) holds only {_typeName} items already written, such as {document.Ids[0]}: Drupal answers the same items however the read moves on (the answer ignores page[offset], or the next links go round in circles), so reading on would never end. Nothing of this page was written. Check the site's JSON:API paging (a contributed module or a proxy may rewrite the links or the query).",
                        uri);
                }

                // Offset paging shifts when items are added during the read: the few that come again are dropped.
                resources -= repeated;
                items = _raw ? items : items.Where((_, i) => fresh[i]).ToList();
                warnings.Add($"Page {_pages} of {Description} held {repeated} {_typeName} items already written (such as {document.Ids[Array.IndexOf(fresh, false)]}), as offset paging does when items are added during the read; each was written once{(_raw ? " (-Raw writes the documents whole, repeats included)" : string.Empty)}. Items may have been missed likewise if some were deleted: read again to be sure.");
            }

            // -First counts resources, also when -Raw writes whole documents.
            if (_scope.First is ulong wanted)
            {
                var room = wanted > (ulong)_written ? wanted - (ulong)_written : 0;
                if ((ulong)resources > room)
                {
                    resources = (int)room;
                    items = _raw ? items : items.Take(resources).ToList();
                }
            }

            _written += resources;
            _limit.AddCompleted(resources);
            _next = document.Next == null ? null : Narrowed(SitePath.OnSiteOrigin(_client.SiteUri, document.Next));
            if (document.Next != null && !OutgoingRequest.IsSameOrigin(document.Next, _client.SiteUri))
            {
                log.Verbose($"Drupal's next link points at {SitePath.Origin(document.Next)}: following it on {SitePath.Origin(_client.SiteUri)} instead.");
                if (!_originWarned)
                {
                    _originWarned = true;
                    warnings.Add(_client.ForeignOriginWarning(document.Next));
                }
            }

            var reachedFirst = _scope.First is ulong limit && (ulong)_written >= limit;
            if (_next != null && !reachedFirst && !_scope.OnePage)
            {
                _refusedNext = Refusal(uri, _next);
            }

            _done = _next == null || reachedFirst || _scope.OnePage || _refusedNext != null;
            _moreNotRead = _next != null && _scope.OnePage;
            if (_done)
            {
                StopFetching();
            }
            else if (!_byKey)
            {
                FetchAhead(log);
            }

            log.Verbose($"Page {_pages} of {Description}: {document.Resources} items{(document.Omitted > 0 ? $", {document.Omitted} left out by Drupal" : string.Empty)}; {(_next == null ? "the last page" : _done ? "not reading further" : "more to come")}.");
            return new ResultPage(items, _pages, _written, warnings);
        }

        /// <summary>Whether the read goes on after the page last handed out: Drupal gave a next link and nothing ends the read.</summary>
        internal bool ReadsOn => _started && !_done;

        /// <summary>
        /// Keyset paging (only for a pager made by key, while it <see cref="ReadsOn"/>): the next page is the first
        /// of <paramref name="query"/>, the same read from the last item's key, rather than Drupal's next link. That
        /// query is a read of its own: an item it holds may have come before, saved since with a later key, and is
        /// written again; the pages it asks for are its own.
        /// </summary>
        internal void ContinueWith(EntityQuery query)
        {
            _query = query;
            _history = new PagingHistory();
            _next = SitePath.WithQuery(_collection!, query.Parameters(_typeName!, collection: true, _pageLimit, offset: 0));
            _history.Ask(OffsetLink.Page(_next));
        }

        /// <summary>
        /// From the next page requested on, only <paramref name="fields"/> of the type read (a sparse fieldset in place
        /// of the query's), however Drupal's next links go on: a caller that learnt from the first page which fields
        /// it needs. The pages already on their way come whole.
        /// </summary>
        internal void AskOnly(IReadOnlyList<string> fields)
        {
            if (_typeName == null || fields.Count == 0)
            {
                return;
            }

            _only = new KeyValuePair<string, string>($"fields[{_typeName}]", string.Join(",", fields));
            _next = _next == null ? null : Narrowed(_next);

            // Links written ahead take the same form as the next links to come, so that they are still recognised.
            var ahead = _ahead.ToList();
            _ahead.Clear();
            foreach (var fetch in ahead)
            {
                _ahead.Enqueue(new Fetch(Narrowed(fetch.Uri), fetch.Document, fetch.Log));
            }
        }

        private Uri Narrowed(Uri link) =>
            _only is KeyValuePair<string, string> only ? OffsetLink.With(link, only.Key, only.Value) : link;

        /// <summary>Why a next link is not followed: it leaves the collection's route, or leads back to a page already read.</summary>
        private DrupalException? Refusal(Uri page, Uri next)
        {
            var collection = Uri.UnescapeDataString(_collection!.AbsolutePath);
            var path = Uri.UnescapeDataString(next.AbsolutePath);
            if (!string.Equals(path, collection, StringComparison.Ordinal))
            {
                return new DrupalException(
                    "NextLinkRefused",
                    DrupalErrorCategory.InvalidResult,
                    $"Drupal's next link on page {_pages} of {Description} leads to {path}, not to the collection being read ({collection}): following it would write other items (another resource type, language or route) as if they were {_typeName}, so it was not requested. The items read so far were written. Check the site's JSON:API paging (a contributed module or a proxy may rewrite the links).",
                    next);
            }

            return _history.Ask(OffsetLink.Page(next))
                ? null
                : PagingHistory.Loop(
                    $"Drupal's next link on page {_pages} of {Description} ({page}) leads back to a page already read ({next}): the links go round in circles, so reading on would never end and only write the same items again. The items read so far were written once. Check the site's JSON:API paging (a contributed module or a proxy may rewrite the links).",
                    next);
        }

        /// <summary>
        /// Makes sure the next page is on its way, and with offset links as many after it as the limit allows; a
        /// page fetched from a link written ahead that is not the one Drupal gave is dropped with those after it.
        /// </summary>
        private void FetchAhead(IDrupalLog log)
        {
            if (_ahead.Count > 0 && !SameLink(_ahead.Peek().Uri, _next!))
            {
                log.Verbose($"Drupal's next link ({_next}) is not the one written ahead ({_ahead.Peek().Uri}): following the links one page at a time.");
                _predictOffsets = false;
                CancelAhead();
            }

            if (_ahead.Count == 0)
            {
                _ahead.Enqueue(Start(_next!));
            }

            if (!_predictOffsets || !(OffsetLink.Read(_next!) is (long, long) paging))
            {
                return;
            }

            var (offset, size) = paging;
            var wantedEnd = _scope.First is ulong first && first <= long.MaxValue && _scope.Skip <= long.MaxValue - first ? (long)(_scope.Skip + first) : long.MaxValue;
            var end = TotalCount is long total ? Math.Min(total, wantedEnd) : wantedEnd;
            var nextOffset = offset + (_ahead.Count * size);
            while (_ahead.Count < _pagesAtOnce && nextOffset < end)
            {
                _ahead.Enqueue(Start(OffsetLink.At(_next!, nextOffset)));
                nextOffset += size;
            }
        }

        private static bool SameLink(Uri writtenAhead, Uri given) =>
            OffsetLink.Read(given) is (long offset, long _) && string.Equals(OffsetLink.At(given, offset).AbsoluteUri, writtenAhead.AbsoluteUri, StringComparison.Ordinal)
            || writtenAhead == given;

        private Fetch Start(Uri uri)
        {
            var log = new BufferedLog();
            var token = _aheadCancel!.Token;
            var document = Task.Run(
                async () =>
                {
                    HttpResult result;
                    using (await _limit.EnterAsync(token).ConfigureAwait(false))
                    {
                        result = await _client.GetAsync(uri, _options, log, token).ConfigureAwait(false);
                    }

                    return JsonApiDocument.Read(result, _query.Include, _query.Language, _raw, JsonValueKind.Array);
                },
                token);
            return new Fetch(uri, document, log);
        }

        private void CancelAhead()
        {
            _aheadCancel?.Cancel();
            foreach (var dropped in _ahead)
            {
                // Observed, so that a dropped page's failure is not reported as unobserved.
                dropped.Document.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }

            _ahead.Clear();
            _aheadCancel = _aheadCancel == null || _done ? null : CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        }

        private void StopFetching()
        {
            _done = true;
            CancelAhead();
        }

        public IReadOnlyList<string> Finish()
        {
            StopFetching();
            var warnings = new List<string>();
            if (_moreNotRead)
            {
                warnings.Add($"Wrote the first page of {Description}: {_written} items. Drupal has more: use -All for every item, or -First N for the first N.");
            }

            if (_omitted > 0)
            {
                warnings.Add(_written == 0
                    ? $"Drupal returned no {_typeName} items and left out {_omitted} that the consumer's user may not see: {_omittedDetail} The user that client '{_client.ClientId}' acts as lacks the permission to view them; grant it to one of the user's roles (never the administrator role)."
                    : $"Drupal left out {_omitted} {_typeName} items that the consumer's user may not see: {_omittedDetail} Grant the user the permission to view them if the job needs them.");
            }

            if (_otherLanguage > 0)
            {
                warnings.Add(JsonApiClient.LanguageFallback(_query.Language!, _otherLanguage, _resources, _typeName ?? _query.EntityType, _otherLanguageCode));
            }

            return warnings;
        }

        /// <summary>A page on its way: its link, its document once read, and the lines its request wrote meanwhile.</summary>
        private sealed class Fetch
        {
            public Fetch(Uri uri, Task<JsonApiDocument> document, BufferedLog log)
            {
                Uri = uri;
                Document = document;
                Log = log;
            }

            public Uri Uri { get; }

            public Task<JsonApiDocument> Document { get; }

            public BufferedLog Log { get; }
        }
    }
}
