using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Json;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Paging;
using DrupalOAuth.Sheets;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Reads a selection of a site as content entities, page by page: the selected entities (a query, or the ids piped
    /// in), their translations, and (unless told not to) everything they reference, recursively, each once, read in
    /// batches by UUID (IN filters of up to 50). Memory holds the UUIDs seen, not the entities.
    /// </summary>
    public sealed class ContentWalker
    {
        private const string UserType = "user";
        private const string LanguageType = "configurable_language--configurable_language";
        private const string LangcodeField = "langcode";

        /// <summary>Language codes that name no language a translation could be in.</summary>
        private static readonly string[] NoLanguage = { "und", "zxx" };

        private readonly ContentSession _session;
        private readonly EntityQuery? _selection;
        private readonly ContentWalkOptions _options;
        private readonly Queue<KeyValuePair<string, string[]>> _seedBatches;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, List<string>> _queuedByType = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, PendingEntity> _pending = new Dictionary<string, PendingEntity>(StringComparer.Ordinal);
        private readonly List<ContentResult> _failures = new List<ContentResult>();

        /// <summary>Per resource type, the fields the export keeps, as seen on its resources read whole: a later read asks for these only.</summary>
        private readonly Dictionary<string, SortedSet<string>> _kept = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        private EntityPager? _pager;
        private IReadOnlyList<string> _languages = Array.Empty<string>();
        private JsonApiIndex? _index;
        private bool _selectionDone;
        private bool _selectionNarrowed;
        private ulong _selected;
        private readonly int _requestsBefore;

        /// <param name="seeds">Resource type name (<c>node--article</c>) and UUID of entities piped in; used when <paramref name="selection"/> is null.</param>
        public ContentWalker(ContentSession session, EntityQuery? selection, IReadOnlyList<KeyValuePair<string, string>>? seeds, ContentWalkOptions options)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _requestsBefore = session.Lookup.Requests;
            _selection = selection;

            // Piped ids in IN batches per resource type, each id once.
            _seedBatches = new Queue<KeyValuePair<string, string[]>>(
                selection != null || seeds == null
                    ? Enumerable.Empty<KeyValuePair<string, string[]>>()
                    : seeds.GroupBy(s => s.Key, StringComparer.Ordinal)
                        .SelectMany(type => SiteLookup.Batches(type.Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList())
                            .Select(batch => new KeyValuePair<string, string[]>(type.Key, batch))));
        }

        /// <summary>The next batch (a page of the selection, or of dependencies found so far); null at the end.</summary>
        public async Task<IReadOnlyList<ContentEntity>?> NextAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_index == null)
            {
                await StartAsync(log, cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                // A full batch of dependencies is read before the next page of the selection, so that the queue stays short.
                var full = _queuedByType.Any(type => type.Value.Count >= SiteLookup.BatchSize);
                if (!_selectionDone && !full)
                {
                    var page = await NextSelectedAsync(log, cancellationToken).ConfigureAwait(false);
                    if (page == null)
                    {
                        _selectionDone = true;
                        continue;
                    }

                    if (page.Count > 0)
                    {
                        var handedOut = await HandOutAsync(page, log, cancellationToken).ConfigureAwait(false);
                        if (_pager != null && !_selectionNarrowed && KeptFields(handedOut[0].TypeName) is IReadOnlyList<string> kept)
                        {
                            _selectionNarrowed = true;
                            _pager.AskOnly(kept);
                        }

                        return handedOut;
                    }

                    continue;
                }

                var batch = TakeBatch();
                if (batch == null)
                {
                    return null;
                }

                var read = await ReadDependenciesAsync(batch.Value, log, cancellationToken).ConfigureAwait(false);
                if (read.Count > 0)
                {
                    return await HandOutAsync(read, log, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Entities that could not be read (a dependency the consumer may not see), as Failed results.</summary>
        public IReadOnlyList<ContentResult> Failures
        {
            get
            {
                lock (_failures)
                {
                    return _failures.ToList();
                }
            }
        }

        /// <summary>HTTP requests made so far.</summary>
        public int Requests => _session.Lookup.Requests - _requestsBefore;

        /// <summary>The languages whose translations are read, once known (after the first batch).</summary>
        public IReadOnlyList<string> Languages => _languages;

        private async Task StartAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            _index = await _session.Client.GetIndexAsync(_session.Options, log, cancellationToken).ConfigureAwait(false);
            if (_selection != null)
            {
                _pager = new EntityPager(_session.Client, _selection, new PagingScope(all: true, first: _options.First), raw: true, _session.Options, _options.PagesAtOnce);
                log.Verbose($"Reading the selected {_selection.EntityType}{(_selection.Bundle == null ? string.Empty : " " + _selection.Bundle)} entities{(_options.First is ulong first ? $", the first {first}" : string.Empty)}{(_options.Dependencies ? ", with what they reference" : ", without what they reference (-NoDependencies)")}{(_options.IncludeUsers ? ", users included" : ", users as references only")}.");
            }
            else
            {
                log.Verbose($"Reading {_seedBatches.Sum(b => b.Value.Length)} entities from the pipeline{(_options.Dependencies ? ", with what they reference" : ", without what they reference (-NoDependencies)")}.");
            }

            _languages = await LanguagesAsync(log, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>-Language when given; else the site's languages, when the consumer may list them; else none.</summary>
        private async Task<IReadOnlyList<string>> LanguagesAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_options.Languages != null)
            {
                log.Verbose(_options.Languages.Count == 0 ? "Reading no translations (-Language names none)." : $"Reading the translations in {string.Join(", ", _options.Languages)} (-Language).");
                return _options.Languages;
            }

            if (!_index!.Types.ContainsKey(LanguageType))
            {
                log.Verbose($"The site's JSON:API offers no {LanguageType} to the consumer, so no translations are read: pass -Language with the languages to read (such as -Language es).");
                return Array.Empty<string>();
            }

            var languages = new List<string>();
            try
            {
                var pager = new EntityPager(_session.Client, new EntityQuery(LanguageType, property: new[] { "drupal_internal__id" }), new PagingScope(all: true), raw: false, _session.Options);
                while (await pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false) is ResultPage page)
                {
                    _session.Lookup.CountRequest();
                    languages.AddRange(page.Items.Select(item => SiteLookup.Text(PowerShellValue.Unwrap(item) as PSObject ?? new PSObject(), "drupal_internal__id")).OfType<string>());
                }

                foreach (var said in pager.Finish())
                {
                    log.Verbose(said);
                }
            }
            catch (DrupalException e) when (IsRefusal(e))
            {
                log.Verbose($"The site does not let the consumer list its languages ({e.Message}), so no translations are read: pass -Language with the languages to read (such as -Language es).");
                return Array.Empty<string>();
            }

            languages = languages.Where(code => Array.IndexOf(NoLanguage, code) < 0).Distinct(StringComparer.Ordinal).ToList();
            if (languages.Count == 0)
            {
                // Core lists languages only to users who may administer them: an empty list says nothing of the translations.
                log.Verbose("The site lists no languages to the consumer, so no translations are read: pass -Language with the languages to read (such as -Language es).");
                return languages;
            }

            log.Verbose($"The site's languages: {string.Join(", ", languages)}; each entity's translations in the languages other than its own are read.");
            return languages;
        }

        /// <summary>The next page of the selection, or of the piped ids; null when there is no more.</summary>
        private async Task<IReadOnlyList<PSObject>?> NextSelectedAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_pager != null)
            {
                var page = await _pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false);
                if (page == null)
                {
                    foreach (var warning in _pager.Finish())
                    {
                        log.Verbose(warning);
                    }

                    return null;
                }

                _session.Lookup.CountRequest();

                // The pager counts -First in resources, but hands raw documents out whole: the last one is cut here.
                var resources = page.Items.SelectMany(ContentSession.Resources);
                if (_options.First is ulong first)
                {
                    var room = first > _selected ? first - _selected : 0;
                    resources = resources.Take((int)Math.Min(room, int.MaxValue));
                }

                var selected = resources.ToList();
                _selected += (ulong)selected.Count;
                return selected.Where(r => Claim(Id(r))).ToList();
            }

            if (_seedBatches.Count == 0)
            {
                return null;
            }

            var batch = _seedBatches.Dequeue();
            var wanted = batch.Value.Where(id => !_seen.Contains(id)).ToList();
            var found = await ReadByIdsAsync(batch.Key, wanted, null, log, cancellationToken).ConfigureAwait(false);
            var entityType = ResourceMapper.SplitTypeName(batch.Key).EntityType;
            foreach (var missing in wanted.Except(found.Select(Id), StringComparer.Ordinal))
            {
                Fail(entityType, missing, $"The piped {batch.Key} {missing} could not be read: the consumer's user may not view it, or it no longer exists.");
            }

            return found.Where(r => Claim(Id(r))).ToList();
        }

        /// <summary>Marks a UUID as handed out; false when it already was. One queued as a dependency is no longer.</summary>
        private bool Claim(string id)
        {
            if (_pending.Remove(id))
            {
                return true;
            }

            return _seen.Add(id);
        }

        /// <summary>Maps a batch, queues what it references, reads its translations; nothing of it is kept.</summary>
        private async Task<IReadOnlyList<ContentEntity>> HandOutAsync(IReadOnlyList<PSObject> resources, IDrupalLog log, CancellationToken cancellationToken)
        {
            Learn(resources, log);
            var entities = new List<ContentEntity>(resources.Count);
            foreach (var resource in resources)
            {
                var entity = ResourceMapper.FromResource(resource);
                entity.Fields.Remove("pass");
                if (_options.Dependencies)
                {
                    Queue(entity, RelatedTypes(resource));
                }

                entities.Add(entity);
            }

            await TranslateAsync(entities, log, cancellationToken).ConfigureAwait(false);

            return entities;
        }

        /// <summary>
        /// Notes the fields of each resource type met for the first time in <paramref name="resources"/> (all of its
        /// resources there, read whole), so that every later read of the type is a sparse fieldset of them. langcode
        /// is kept though the export leaves it out: the mapper takes the default language and a translation's from it.
        /// </summary>
        private void Learn(IReadOnlyList<PSObject> resources, IDrupalLog log)
        {
            var learnt = new List<string>();
            foreach (var resource in resources)
            {
                // Users are always read whole: Drupal shows their fields per account (mail and timezone to the account
                // itself only), so a field no user of the first batch showed must still be asked for on the others.
                if (!(JsonMembers.Text(resource, "type") is string typeName) || typeName.StartsWith(UserType + "--", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!_kept.TryGetValue(typeName, out var kept))
                {
                    kept = new SortedSet<string>(StringComparer.Ordinal);
                    _kept[typeName] = kept;
                    learnt.Add(typeName);
                }
                else if (!learnt.Contains(typeName))
                {
                    continue;
                }

                var entityType = ResourceMapper.SplitTypeName(typeName).EntityType;
                foreach (var field in JsonMembers.Of(PowerShellValue.Member(resource, "attributes")).Concat(JsonMembers.Of(PowerShellValue.Member(resource, "relationships"))))
                {
                    if (field.Key == LangcodeField || !ResourceMapper.IsLeftOut(entityType, field.Key))
                    {
                        kept.Add(field.Key);
                    }
                }
            }

            foreach (var typeName in learnt)
            {
                log.Verbose($"The walk asks for {_kept[typeName].Count} fields of {typeName} from now on (fields[{typeName}]), those the export keeps: {string.Join(", ", _kept[typeName])}.");
            }
        }

        /// <summary>The sparse fieldset for a read of <paramref name="typeName"/>: null (every field) until a resource of it was read.</summary>
        private IReadOnlyList<string>? KeptFields(string typeName) =>
            _kept.TryGetValue(typeName, out var kept) && kept.Count > 0 ? kept.ToList() : null;

        private void Queue(ContentEntity entity, IReadOnlyDictionary<string, string> relatedTypes)
        {
            foreach (var dependency in entity.Depends)
            {
                var entityType = dependency.Value as string ?? string.Empty;
                if ((entityType == UserType && !_options.IncludeUsers) || !_seen.Add(dependency.Key))
                {
                    continue;
                }

                relatedTypes.TryGetValue(dependency.Key, out var typeName);
                _pending[dependency.Key] = new PendingEntity(typeName, entity.ToString());
                if (!_queuedByType.TryGetValue(entityType, out var queued))
                {
                    queued = new List<string>();
                    _queuedByType[entityType] = queued;
                }

                queued.Add(dependency.Key);
            }
        }

        /// <summary>Up to a batch of queued UUIDs of one entity type (the fullest first), or null when none is queued.</summary>
        private KeyValuePair<string, List<string>>? TakeBatch()
        {
            foreach (var type in _queuedByType.Where(t => t.Value.Count == 0).Select(t => t.Key).ToList())
            {
                _queuedByType.Remove(type);
            }

            if (_queuedByType.Count == 0)
            {
                return null;
            }

            var fullest = _queuedByType.OrderByDescending(t => t.Value.Count).First();
            var taken = fullest.Value.Take(SiteLookup.BatchSize).ToList();
            fullest.Value.RemoveRange(0, taken.Count);
            return new KeyValuePair<string, List<string>>(fullest.Key, taken.Where(_pending.ContainsKey).ToList());
        }

        /// <summary>
        /// A batch of referenced UUIDs of one entity type, read by IN filter under the resource type the reference
        /// named, else under each of the entity type's bundles until found; those not found are failures.
        /// </summary>
        private async Task<IReadOnlyList<PSObject>> ReadDependenciesAsync(KeyValuePair<string, List<string>> batch, IDrupalLog log, CancellationToken cancellationToken)
        {
            var entityType = batch.Key;
            var wanted = batch.Value.ToDictionary(id => id, id => _pending[id], StringComparer.Ordinal);
            var found = new List<PSObject>();
            var byType = wanted.GroupBy(w => w.Value.TypeName, StringComparer.Ordinal).ToList();
            foreach (var group in byType)
            {
                var candidates = group.Key != null
                    ? new[] { group.Key }
                    : _index!.Types.Keys.Where(t => t.StartsWith(entityType + "--", StringComparison.Ordinal)).ToArray();
                var left = group.Select(g => g.Key).ToList();
                foreach (var typeName in candidates)
                {
                    if (left.Count == 0)
                    {
                        break;
                    }

                    try
                    {
                        log.Verbose($"Reading {left.Count} referenced {typeName} by id.");
                        var read = await ReadByIdsAsync(typeName, left, null, log, cancellationToken).ConfigureAwait(false);
                        found.AddRange(read);
                        left = left.Except(read.Select(Id), StringComparer.Ordinal).ToList();
                    }
                    catch (DrupalException e) when (IsRefusal(e))
                    {
                        foreach (var id in left)
                        {
                            Fail(entityType, id, $"{entityType} {id}, referenced by {wanted[id].Referrer}, could not be read: {e.Message}");
                        }

                        left.Clear();
                    }
                }

                if (entityType == UserType && left.Count > 0 && group.Key != null)
                {
                    left = await ReadUsersOneByOneAsync(group.Key, left, found, log, cancellationToken).ConfigureAwait(false);
                }

                foreach (var id in left)
                {
                    Fail(entityType, id, $"{entityType} {id}, referenced by {wanted[id].Referrer}, could not be read: the consumer's user may not view it, or it no longer exists. Everything else was exported.");
                }
            }

            return found.Where(r => Claim(Id(r))).ToList();
        }

        /// <summary>
        /// Drupal answers any filter on users with the consumer's own account only, unless its user may "access user
        /// profiles": the users a filter did not find are asked for one by one (authors are few); those still not
        /// found are returned.
        /// </summary>
        private async Task<List<string>> ReadUsersOneByOneAsync(string typeName, IReadOnlyList<string> ids, List<PSObject> found, IDrupalLog log, CancellationToken cancellationToken)
        {
            log.Verbose($"{ids.Count} {typeName} were not found by filter (a consumer without \"access user profiles\" may filter only for its own account): reading them one by one.");
            var left = new List<string>();
            foreach (var id in ids)
            {
                try
                {
                    var page = await _session.Client.GetOneAsync(new EntityQuery(typeName, property: KeptFields(typeName)), id, raw: true, _session.Options, log, cancellationToken).ConfigureAwait(false);
                    _session.Lookup.CountRequest();
                    found.AddRange(page.Items.SelectMany(ContentSession.Resources));
                }
                catch (DrupalException e) when (IsRefusal(e))
                {
                    _session.Lookup.CountRequest();
                    left.Add(id);
                }
            }

            return left;
        }

        /// <summary>
        /// Each batch's translations: per resource type and language, one request with the batch's ids under the
        /// language prefix (not one per entity); an entity the site answers in its own language has no such translation.
        /// </summary>
        private async Task TranslateAsync(IReadOnlyList<ContentEntity> entities, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (_languages.Count == 0)
            {
                return;
            }

            var reads = new List<Task<(string Language, IReadOnlyList<PSObject> Resources, BufferedLog Log)>>();
            foreach (var type in entities.Where(e => e.DefaultLangcode != null).GroupBy(e => e.TypeName, StringComparer.Ordinal))
            {
                foreach (var language in _languages)
                {
                    var ids = type.Where(e => !string.Equals(e.DefaultLangcode, language, StringComparison.OrdinalIgnoreCase)).Select(e => e.Uuid).ToList();
                    if (ids.Count > 0)
                    {
                        reads.Add(ReadTranslationsAsync(type.Key, ids, language, cancellationToken));
                    }
                }
            }

            var byId = entities.ToDictionary(e => e.Uuid, StringComparer.Ordinal);
            foreach (var read in await Task.WhenAll(reads).ConfigureAwait(false))
            {
                read.Log.WriteTo(log);
                foreach (var resource in read.Resources)
                {
                    if (byId.TryGetValue(Id(resource), out var entity))
                    {
                        ResourceMapper.AddTranslation(entity, read.Language, resource);
                    }
                }
            }
        }

        private async Task<(string Language, IReadOnlyList<PSObject> Resources, BufferedLog Log)> ReadTranslationsAsync(string typeName, IReadOnlyList<string> ids, string language, CancellationToken cancellationToken)
        {
            var log = new BufferedLog();
            log.Verbose($"Reading the '{language}' translations of {ids.Count} {typeName}.");
            return (language, await ReadByIdsAsync(typeName, ids, language, log, cancellationToken).ConfigureAwait(false), log);
        }

        private Task<IReadOnlyList<PSObject>> ReadByIdsAsync(string typeName, IReadOnlyList<string> ids, string? language, IDrupalLog log, CancellationToken cancellationToken) =>
            _session.ReadByIdsAsync(typeName, ids, language, KeptFields(typeName), log, cancellationToken);

        /// <summary>The site refused this read (not the consumer's to see, no such type, a filter it will not take): the rest of the walk goes on.</summary>
        private static bool IsRefusal(DrupalException e) =>
            e.Category == DrupalErrorCategory.PermissionDenied || e.Category == DrupalErrorCategory.ObjectNotFound || e.Category == DrupalErrorCategory.InvalidArgument;

        private void Fail(string entityType, string uuid, string error)
        {
            lock (_failures)
            {
                _failures.Add(ContentResults.Of(entityType, null, uuid, null, ContentAction.Failed, error: error));
            }
        }

        private static string Id(PSObject resource) => PowerShellValue.Unwrap(resource.Properties["id"]?.Value) as string ?? string.Empty;

        /// <summary>The resource type of each entity a raw resource's relationships name (uuid → <c>taxonomy_term--tags</c>).</summary>
        private static IReadOnlyDictionary<string, string> RelatedTypes(PSObject resource)
        {
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            if (PowerShellValue.Unwrap(resource.Properties["relationships"]?.Value) is PSObject relationships)
            {
                foreach (var relationship in relationships.Properties)
                {
                    var data = PowerShellValue.Unwrap(PowerShellValue.Member(relationship.Value, "data"));
                    foreach (var identifier in data is object?[] list ? list : new[] { data })
                    {
                        if (PowerShellValue.Member(identifier, "id") is string id && PowerShellValue.Member(identifier, "type") is string type)
                        {
                            types[id] = type;
                        }
                    }
                }
            }

            return types;
        }

        /// <summary>A referenced entity waiting to be read: the resource type the reference named, and who referenced it first.</summary>
        private sealed class PendingEntity
        {
            public PendingEntity(string? typeName, string referrer)
            {
                TypeName = typeName;
                Referrer = referrer;
            }

            public string? TypeName { get; }

            public string Referrer { get; }
        }
    }
}
