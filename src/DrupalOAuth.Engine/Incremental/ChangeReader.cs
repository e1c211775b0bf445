using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;

namespace DrupalOAuth.Incremental
{
    /// <summary>
    /// An incremental read (-ChangedSince, -StatePath, -IncludeDeleted): the entities changed at or after a time,
    /// in the order of changed and id, through <see cref="EntityPager"/>; with a state file, from the watermark the
    /// last completed run left, skipping what it wrote at that very second unchanged; with -IncludeDeleted, then an
    /// id-only read of the selection, and the ids written before and gone now as DeletedEntity objects. The state
    /// is written by <see cref="SaveState"/> only, which the caller calls once the last item was written: a failed
    /// or stopped run leaves the state as it was, so that nothing is skipped.
    /// </summary>
    public sealed class ChangeReader : IResultPager
    {
        /// <summary>Ids in one IN filter: Drupal's page size, and a query string of about 2 KB.</summary>
        private const int IdsPerLook = 50;

        private readonly JsonApiClient _client;
        private readonly EntityQuery _query;
        private readonly DateTimeOffset? _changedSince;
        private readonly string? _statePath;
        private readonly string? _stateShown;
        private readonly bool _includeDeleted;
        private readonly PagingScope _scope;
        private readonly bool _raw;
        private readonly CallOptions _options;
        private readonly int _pagesAtOnce;
        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _warnings = new List<string>();
        private EntityPager? _pager;
        private EntityPager? _idPager;
        private ChangeState? _state;
        private ChangeWatermark? _watermark;
        private IReadOnlyCollection<string>? _seen;
        private string? _typeName;
        private string? _selection;
        private long? _since;
        private bool _changesDone;
        private bool _deletedDone;
        private bool _complete;
        private int _pages;
        private long _writtenCount;

        /// <param name="changedSince">-ChangedSince; with a state, the later of it and the state's watermark counts.</param>
        /// <param name="statePath">The state file's full path; null without -StatePath.</param>
        /// <param name="stateShown">The path as the user gave it, for messages.</param>
        internal ChangeReader(JsonApiClient client, EntityQuery query, DateTimeOffset? changedSince, string? statePath, string? stateShown, bool includeDeleted, PagingScope scope, bool raw, CallOptions options, int pagesAtOnce)
        {
            if (includeDeleted && statePath == null)
            {
                throw Refused("-IncludeDeleted finds the entities deleted since the last run, which only a state file knows: pass -StatePath too.", "-IncludeDeleted");
            }

            if (statePath != null && raw)
            {
                throw Refused("-StatePath writes and remembers the entities one by one, and -Raw writes whole documents: leave -Raw out.", "-Raw");
            }

            if (statePath != null && scope.Skip > 0)
            {
                throw Refused("-StatePath remembers every entity written up to its watermark, and -Skip would leave some out for good: leave -Skip out.", "-Skip");
            }

            _client = client;
            _query = query;
            _changedSince = changedSince;
            _statePath = statePath;
            _stateShown = stateShown ?? statePath;
            _includeDeleted = includeDeleted;
            _raw = raw;
            _options = options;
            _pagesAtOnce = pagesAtOnce;

            // A state is only worth its watermark once the read went through: one page is not a run.
            _scope = statePath != null && scope.OnePage ? new PagingScope(all: true) : scope;

            // Checked now, before anything is sent.
            query.ByChange(null);
        }

        public string Description =>
            $"{_typeName ?? _query.EntityType} {(_since is long since ? "changed since " + Time(since) : "from " + _client.SiteUri)}{(_statePath != null ? $" (state {_stateShown})" : string.Empty)}";

        public long? TotalCount => _pager?.TotalCount;

        /// <summary>Unix seconds at or after a time: a changed second that began before it is not "at or after" it.</summary>
        internal static long Seconds(DateTimeOffset time)
        {
            var ticks = time.UtcTicks - DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks;
            var seconds = ticks / TimeSpan.TicksPerSecond;
            return ticks % TimeSpan.TicksPerSecond > 0 ? seconds + 1 : seconds;
        }

        public async Task<ResultPage?> NextPageAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_pager == null)
            {
                await StartAsync(log, cancellationToken).ConfigureAwait(false);
            }

            if (!_changesDone)
            {
                var page = await _pager!.NextPageAsync(log, cancellationToken).ConfigureAwait(false);
                if (page != null)
                {
                    var items = _watermark == null ? page.Items : page.Items.Where(Admit).ToList();
                    _writtenCount += _raw ? page.Items.Count : items.Count;
                    if (_watermark != null && _scope.First is ulong first && (ulong)_writtenCount >= first)
                    {
                        // The batch is full: what was read beyond it is neither written nor counted in the watermark.
                        _changesDone = true;
                        _warnings.AddRange(_pager.Finish());
                    }

                    return new ResultPage(items, ++_pages, _writtenCount, page.Warnings, page.Errors);
                }

                _changesDone = true;
                _warnings.AddRange(_pager.Finish());
            }

            if (_includeDeleted && !_deletedDone)
            {
                _deletedDone = true;
                var gone = await ReadDeletedAsync(log, cancellationToken).ConfigureAwait(false);
                _complete = true;
                if (gone.Count > 0)
                {
                    _writtenCount += gone.Count;
                    log.Verbose($"{gone.Count} {_typeName} entities written before are gone since the last run.");
                    return new ResultPage(gone.Select(id => (object?)DeletedEntity.Create(_typeName!, id)).ToList(), ++_pages, _writtenCount);
                }

                return null;
            }

            _complete = true;
            return null;
        }

        public IReadOnlyList<string> Finish()
        {
            if (!_changesDone)
            {
                _pager?.Finish();
            }

            _idPager?.Finish();
            return _warnings;
        }

        /// <summary>
        /// Writes the state for the next run, once every item of this one was written; nothing when the read did
        /// not go through to its end or took no -StatePath.
        /// </summary>
        public void SaveState()
        {
            if (_statePath == null || !_complete || _watermark == null)
            {
                return;
            }

            var seen = _seen ?? (_state?.Seen is { } before ? new HashSet<string>(before.Concat(_written), StringComparer.Ordinal) : null);
            new ChangeState(_client.SiteUri.AbsoluteUri, _client.ClientId, _typeName!, _selection!, _watermark.Watermark, _watermark.AtWatermark, seen).Write(_statePath);
        }

        private async Task StartAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            var index = await _client.GetIndexAsync(_options, log, cancellationToken).ConfigureAwait(false);
            _typeName = index.Resolve(_query.EntityType, _query.Bundle, _client.BaseUri).Key;
            if (_statePath != null)
            {
                _selection = _query.Selection(_typeName);
                _state = ChangeState.Read(_statePath);
                _state?.Check(_client.SiteUri.AbsoluteUri, _client.ClientId, _typeName, _selection, _stateShown!);
                _watermark = new ChangeWatermark(_state?.Watermark, _state?.AtWatermark);
            }

            var fromTime = _changedSince is DateTimeOffset time ? Seconds(time) : (long?)null;
            var fromState = _state?.Watermark;
            _since = fromTime is long a && fromState is long b ? Math.Max(a, b) : fromTime ?? fromState;
            log.Verbose($"Reading {Description}.");
            if (_statePath != null && _state == null)
            {
                log.Verbose($"The state file '{_stateShown}' does not exist yet: a first run, which reads every item from the time given, if any.");
            }

            // -First counts the items written: the ones the last run wrote at the watermark, skipped, are read on top.
            var scope = _scope.First is ulong first && _watermark != null
                ? new PagingScope(_scope.All, first + (ulong)(_state?.AtWatermark.Count ?? 0), _scope.Skip)
                : _scope;
            _pager = new EntityPager(_client, _query.ByChange(_since), scope, _raw, _options, _pagesAtOnce);
        }

        private bool Admit(object? item)
        {
            if (_scope.First is ulong first && (ulong)_written.Count >= first)
            {
                return false;
            }

            if (!(item is PSObject entity) || !(entity.Properties["id"]?.Value is string id))
            {
                return true;
            }

            // Without a time it cannot be placed against the watermark: written, and read again next time.
            var admitted = !(Changed(entity.Properties[EntityQuery.ChangedField]?.Value) is long changed)
                || _watermark!.Admit(id, changed, ChangeWatermark.Hash(entity));
            if (admitted)
            {
                _written.Add(id);
            }

            return admitted;
        }

        /// <summary>Drupal writes changed as RFC 3339 text; a module may write Unix seconds.</summary>
        internal static long? Changed(object? value)
        {
            switch (value)
            {
                case long seconds:
                    return seconds;
                case int seconds:
                    return seconds;
                case DateTime date:
                    return new DateTimeOffset(date.ToUniversalTime()).ToUnixTimeSeconds();
                case DateTimeOffset date:
                    return date.ToUnixTimeSeconds();
                case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                    return date.ToUnixTimeSeconds();
                case string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds):
                    return seconds;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The ids of the whole selection, page after page, against those written before: the ones gone. What the
        /// state keeps from now on is what was written and is still there.
        /// </summary>
        private async Task<IReadOnlyList<string>> ReadDeletedAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            log.Verbose($"Reading the ids of every {_typeName} of the selection, to find those deleted since the last run.");
            _idPager = new EntityPager(_client, _query.IdsOnly(), new PagingScope(all: true), raw: false, _options, _pagesAtOnce);
            var current = await ReadIdsAsync(_idPager, log, cancellationToken).ConfigureAwait(false);
            _warnings.AddRange(_idPager.Finish());
            if (_state != null && _state.Seen == null)
            {
                _warnings.Add($"The state file '{_stateShown}' held no ids, as a run without -IncludeDeleted leaves it: deletions before this run cannot be known. From the next run on, -IncludeDeleted writes them.");
            }

            // A first run knows what it wrote; a state kept without ids takes what is there now as written before.
            var known = new HashSet<string>(_state == null ? Enumerable.Empty<string>() : _state.Seen ?? (IEnumerable<string>)current, StringComparer.Ordinal);
            known.UnionWith(_written);
            var gone = known.Where(id => !current.Contains(id)).OrderBy(id => id, StringComparer.Ordinal).ToList();

            // An entity deleted during the id read shifts the offsets after it, so that one still there can be
            // passed over: each id that looks gone is asked for once more, 50 at a time, before it is called deleted.
            for (var start = 0; start < gone.Count; start += IdsPerLook)
            {
                var look = new EntityPager(_client, _query.IdsOnly(gone.Skip(start).Take(IdsPerLook).ToList()), new PagingScope(all: true), raw: false, _options, 1);
                current.UnionWith(await ReadIdsAsync(look, log, cancellationToken).ConfigureAwait(false));
                look.Finish();
            }

            gone = gone.Where(id => !current.Contains(id)).ToList();
            known.IntersectWith(current);
            _seen = known;
            return gone;
        }

        private static async Task<HashSet<string>> ReadIdsAsync(EntityPager pager, IDrupalLog log, CancellationToken cancellationToken)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var page = await pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false); page != null; page = await pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in page.Items)
                {
                    if (item is PSObject entity && entity.Properties["id"]?.Value is string id)
                    {
                        ids.Add(id);
                    }
                }
            }

            return ids;
        }

        private static string Time(long seconds) =>
            DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        private static DrupalException Refused(string message, string parameter) =>
            new DrupalException("InvalidArgument", DrupalErrorCategory.InvalidArgument, message, parameter);
    }
}
