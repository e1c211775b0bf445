using System;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
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
    /// Writes a content folder into a site over JSON:API: creates in dependency order keeping UUIDs (files uploaded
    /// through a field that references them), updates only the fields that differ, maps missing users to a default,
    /// and reports each value the consumer may not set rather than failing the entity.
    /// </summary>
    public sealed class ContentImporter
    {
        private const string UserType = "user";
        private const string FileType = "file";
        private const string FileTypeName = "file--file";
        private const int ProblemsNamed = 5;
        private const string InternalUid = "drupal_internal__uid";
        private const string TargetIdKey = "target_id:";
        private const string TranslationsPrefix = "translations.";

        /// <summary>How long an upload waits to open a file of the folder (one an editor or a sync tool holds).</summary>
        private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);

        private readonly ContentSession _session;
        private readonly ContentImportOptions _options;
        private readonly ContentComparer _comparer = new ContentComparer(null, false);

        public ContentImporter(ContentSession session, ContentImportOptions options)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>The pre-flight: nothing is written.</summary>
        public async Task<ContentImportPlan> PlanAsync(ContentFolderContents folder, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (folder.Problems.Count > 0)
            {
                var named = string.Join("; ", folder.Problems.Take(ProblemsNamed));
                var more = folder.Problems.Count > ProblemsNamed ? $"; and {folder.Problems.Count - ProblemsNamed} more" : string.Empty;
                var skipped = folder.Entities.Select(e => new PlannedContent(e) { Action = ContentAction.Skipped }).ToList();
                skipped.ForEach(i => i.Settle(false));
                return new ContentImportPlan(skipped, $"{folder.Problems.Count} file(s) of {folder.Root} cannot be imported: {named}{more}", null, Array.Empty<string>());
            }

            var graph = new ContentGraph(folder.Entities);
            var items = ByDepth(graph).Select(e => new PlannedContent(e)).ToList();
            var warnings = new List<string>();
            var plan = new ContentImportPlan(items, null, graph, warnings);
            var before = _session.Lookup.Requests;

            var found = await FindOnSiteAsync(plan, graph, log, cancellationToken).ConfigureAwait(false);
            await PlanUsersAsync(plan, warnings, log, cancellationToken).ConfigureAwait(false);
            await PlanFilesAsync(plan, folder, found, log, cancellationToken).ConfigureAwait(false);
            var translated = await FindTranslationsAsync(plan, found, log, cancellationToken).ConfigureAwait(false);
            foreach (var item in items.Where(i => i.Action == ContentAction.Created))
            {
                PlanEntity(plan, item, found, translated);
            }

            await LearnShapesAsync(plan, log, cancellationToken).ConfigureAwait(false);
            foreach (var item in items.Where(i => !i.Writes))
            {
                item.Settle(plan.Targets.ContainsKey(item.Entity.Uuid));
            }

            plan.LookupRequests = _session.Lookup.Requests - before;
            log.Verbose($"Planned {items.Count} entities of {folder.Root} in {plan.LookupRequests} read requests: "
                + string.Join(", ", items.GroupBy(i => i.Action).Select(g => $"{g.Count()} {g.Key}")) + ".");
            return plan;
        }

        /// <summary>
        /// Writes one planned entity once those it depends on are written (safe to call for several at once); never
        /// throws for the entity's own failure: that is its result's Error.
        /// </summary>
        public async Task<ContentResult> ApplyAsync(ContentImportPlan plan, PlannedContent item, IDrupalLog log, CancellationToken cancellationToken)
        {
            if (!plan.WillWrite(item))
            {
                item.Settle(plan.Targets.ContainsKey(item.Entity.Uuid));
                return item.AsResult();
            }

            try
            {
                foreach (var uuid in plan.Graph!.DependenciesOf(item.Entity.Uuid))
                {
                    if (plan.Find(uuid) is PlannedContent dependency && !await dependency.Settled.ConfigureAwait(false) && !plan.Targets.ContainsKey(uuid))
                    {
                        item.Fail("MissingReference", DrupalErrorCategory.ObjectNotFound, $"{item} references {dependency}, which was not imported: {dependency.Failure?.Message ?? dependency.Action.ToString()}");
                        return item.AsResult();
                    }
                }

                if (item.Entity.EntityType == FileType)
                {
                    await UploadAsync(plan, item, log, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await WriteAsync(plan, item, log, cancellationToken).ConfigureAwait(false);
                    await TranslateAsync(plan, item, log, cancellationToken).ConfigureAwait(false);
                }

                await SendPostponedAsync(plan, item, log, cancellationToken).ConfigureAwait(false);
            }
            catch (DrupalException e)
            {
                item.Fail(e);
            }
            finally
            {
                item.Settle(plan.Targets.ContainsKey(item.Entity.Uuid));
            }

            return item.AsResult();
        }

        /// <summary>
        /// An entity not written: under -WhatIf (WouldCreate, WouldUpdate), or declined at -Confirm (Skipped); those
        /// that reference it learn so.
        /// </summary>
        public ContentResult Decline(ContentImportPlan plan, PlannedContent item, bool whatIf)
        {
            if (whatIf)
            {
                item.Action = item.Action == ContentAction.Created ? ContentAction.WouldCreate : item.Action == ContentAction.Updated ? ContentAction.WouldUpdate : item.Action;
            }
            else
            {
                item.Action = ContentAction.Skipped;
                item.Notes.Add("declined at -Confirm");
            }

            item.Settle(plan.Targets.ContainsKey(item.Entity.Uuid));
            return item.AsResult();
        }

        /// <summary>
        /// The graph's order, stably sorted by how deep each entity's references go (files and terms, then what
        /// references them...): still each after what it references, and the entities of one level can be written at once.
        /// </summary>
        private static IEnumerable<ContentEntity> ByDepth(ContentGraph graph)
        {
            var depth = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var entity in graph.Order)
            {
                depth[entity.Uuid] = graph.DependenciesOf(entity.Uuid).Select(d => depth.TryGetValue(d, out var level) ? level + 1 : 0).DefaultIfEmpty(0).Max();
            }

            return graph.Order.OrderBy(e => depth[e.Uuid]);
        }


        /// <summary>
        /// The site's resources with the UUIDs of the folder's entities (but users) and of the references to neither,
        /// by UUID, read raw in IN filters of up to 50.
        /// </summary>
        private async Task<Dictionary<string, PSObject>> FindOnSiteAsync(ContentImportPlan plan, ContentGraph graph, IDrupalLog log, CancellationToken cancellationToken)
        {
            var types = (await _session.Client.GetIndexAsync(_session.Options, log, cancellationToken).ConfigureAwait(false)).Types;
            var found = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in plan.Items.Where(i => i.Entity.EntityType != UserType).GroupBy(i => i.Entity.TypeName, StringComparer.Ordinal))
            {
                if (!types.ContainsKey(group.Key))
                {
                    foreach (var item in group)
                    {
                        item.Fail("ResourceTypeNotFound", DrupalErrorCategory.ObjectNotFound, $"The site offers no JSON:API resource type {group.Key} for {item}: enable its module and the type's JSON:API resource, or leave its files out of the folder.");
                    }

                    continue;
                }

                await ReadByIdAsync(plan, group.Key, group.Select(i => i.Entity.Uuid).ToList(), found, log, cancellationToken).ConfigureAwait(false);
            }

            // depends names the entity type only: a reference to a term may be in any vocabulary the site has.
            foreach (var group in graph.Missing.Where(r => r.ToEntityType != UserType).GroupBy(r => r.ToEntityType ?? string.Empty, StringComparer.Ordinal))
            {
                foreach (var typeName in types.Keys.Where(t => group.Key.Length == 0 || t.StartsWith(group.Key + "--", StringComparison.Ordinal)))
                {
                    var wanted = group.Select(r => r.ToUuid).Where(u => !found.ContainsKey(u)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    if (wanted.Count == 0)
                    {
                        break;
                    }

                    await ReadByIdAsync(plan, typeName, wanted, found, log, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var pair in found)
            {
                plan.Targets[pair.Key] = new ResolvedReference(Text(pair.Value, "type") ?? FileTypeName, pair.Key);
            }

            return found;
        }

        private async Task ReadByIdAsync(ContentImportPlan plan, string typeName, IReadOnlyList<string> ids, Dictionary<string, PSObject> found, IDrupalLog log, CancellationToken cancellationToken)
        {
            var before = _session.Lookup.Requests;
            foreach (var resource in await _session.ReadByIdsAsync(typeName, ids, null, null, log, cancellationToken).ConfigureAwait(false))
            {
                if (Text(resource, "id") is string id)
                {
                    found[id] = resource;
                    Learn(plan, typeName, resource);
                }
            }

            log.Verbose($"Looked up {ids.Count} {typeName} UUIDs in {_session.Lookup.Requests - before} requests: {ids.Count(found.ContainsKey)} on the site.");
        }

        /// <summary>Raw resources (type, id, attributes, relationships as Drupal sent them), every page read.</summary>
        private async Task<List<PSObject>> ReadAsync(EntityQuery query, PagingScope scope, IDrupalLog log, CancellationToken cancellationToken)
        {
            var pager = new EntityPager(_session.Client, query, scope, raw: true, _session.Options);
            var resources = new List<PSObject>();
            while (await pager.NextPageAsync(log, cancellationToken).ConfigureAwait(false) is ResultPage page)
            {
                _session.Lookup.CountRequest();
                resources.AddRange(page.Items.SelectMany(ContentSession.Resources));
            }

            foreach (var warning in pager.Finish())
            {
                log.Verbose(warning);
            }

            return resources;
        }

        /// <summary>
        /// Users are matched, never written: one the site has is Unchanged, one it lacks Skipped, and the references
        /// to those it lacks go to -DefaultUser (looked up once) or fail their entity.
        /// </summary>
        private async Task PlanUsersAsync(ContentImportPlan plan, List<string> warnings, IDrupalLog log, CancellationToken cancellationToken)
        {
            var users = plan.Items.Where(i => i.Entity.EntityType == UserType).Select(i => i.Entity.Uuid)
                .Concat(plan.Items.SelectMany(i => ContentGraph.References(i.Entity)).Where(r => IsUser(plan, r)).Select(r => r.ToUuid))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var byUid = plan.Items.Where(i => i.Entity.EntityType != UserType && i.Entity.EntityType != FileType)
                .SelectMany(i => UserIds(i.Entity.Fields))
                .Distinct()
                .Select(uid => uid.ToString(CultureInfo.InvariantCulture))
                .ToList();
            if (users.Count == 0 && byUid.Count == 0)
            {
                return;
            }

            var missing = new List<string>();
            if (byUid.Count > 0)
            {
                // Core writes users 0 and 1 by id (target_id), not by UUID: each site has them under UUIDs of its own.
                var found = await _session.Lookup.FindAsync(SiteLookup.UserType, InternalUid, byUid, null, log, cancellationToken).ConfigureAwait(false);
                foreach (var uid in byUid)
                {
                    if (found[uid].FirstOrDefault() is PSObject user && SiteLookup.Id(user) is string id)
                    {
                        plan.Targets[UserKey(uid)] = new ResolvedReference(SiteLookup.UserType, id);
                    }
                    else
                    {
                        missing.Add(UserKey(uid));
                    }
                }
            }

            var matches = await _session.Lookup.FindAsync(SiteLookup.UserType, "id", users, SiteLookup.LabelFields(SiteLookup.UserType), log, cancellationToken).ConfigureAwait(false);
            foreach (var uuid in users)
            {
                if (matches[uuid].FirstOrDefault() is PSObject user)
                {
                    plan.Targets[uuid] = new ResolvedReference(SiteLookup.UserType, SiteLookup.Id(user) ?? uuid);
                }
                else
                {
                    missing.Add(uuid);
                }
            }

            if (missing.Count > 0 && _options.DefaultUser != null)
            {
                var fallback = await DefaultUserAsync(log, cancellationToken).ConfigureAwait(false);
                foreach (var uuid in missing)
                {
                    plan.Targets[uuid] = fallback;
                    warnings.Add($"The site has no user {UserName(plan, uuid)}: the folder's references to it become -DefaultUser '{_options.DefaultUser}'.");
                }
            }

            foreach (var item in plan.Items.Where(i => i.Entity.EntityType == UserType))
            {
                if (missing.Contains(item.Entity.Uuid, StringComparer.OrdinalIgnoreCase))
                {
                    item.Action = ContentAction.Skipped;
                    item.Notes.Add("the site has no such user, and an import matches users by UUID, never creates them"
                        + (_options.DefaultUser == null ? ": entities that reference it fail (pass -DefaultUser)" : $": references to it become '{_options.DefaultUser}'"));
                }
                else
                {
                    item.Action = ContentAction.Unchanged;
                }
            }
        }

        private async Task<ResolvedReference> DefaultUserAsync(IDrupalLog log, CancellationToken cancellationToken)
        {
            var value = _options.DefaultUser!.Trim();
            var byId = Guid.TryParse(value, out _);
            var matches = await _session.Lookup.FindAsync(SiteLookup.UserType, byId ? "id" : LabelField.For(SiteLookup.UserType), new[] { value }, SiteLookup.LabelFields(SiteLookup.UserType), log, cancellationToken).ConfigureAwait(false);
            if (matches[value].Count != 1 || SiteLookup.Id(matches[value][0]) is not string id)
            {
                throw new DrupalException(
                    "DefaultUserNotFound",
                    DrupalErrorCategory.ObjectNotFound,
                    $"-DefaultUser '{value}': the site has {(matches[value].Count == 0 ? "no" : "more than one")} user of that {(byId ? "UUID" : "name")}. Pass the name or the UUID of one user of the target site.",
                    value);
            }

            log.Verbose($"-DefaultUser '{value}' is user {id} on the site.");
            return new ResolvedReference(SiteLookup.UserType, id);
        }

        /// <summary>
        /// A file the site lacks is uploaded through the first field of the folder that references it; one whose
        /// referencing entity the site has, pointing at a file of the same name and size, was uploaded before.
        /// </summary>
        private async Task PlanFilesAsync(ContentImportPlan plan, ContentFolderContents folder, Dictionary<string, PSObject> found, IDrupalLog log, CancellationToken cancellationToken)
        {
            var candidates = new Dictionary<PlannedContent, List<string>>();
            var firstReferences = new Dictionary<string, KeyValuePair<ContentEntity, string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var entity in folder.Entities.Where(e => e.EntityType != FileType && e.EntityType != UserType))
            {
                foreach (var reference in ContentGraph.References(entity).Where(r => !firstReferences.ContainsKey(r.ToUuid)))
                {
                    firstReferences[reference.ToUuid] = new KeyValuePair<ContentEntity, string>(entity, DefaultField(reference.Field));
                }
            }

            foreach (var item in plan.Items.Where(i => i.Entity.EntityType == FileType && i.Action == ContentAction.Created))
            {
                if (found.TryGetValue(item.Entity.Uuid, out var same))
                {
                    if (IsSameFile(same, item.Entity.Fields))
                    {
                        item.Action = ContentAction.Unchanged;
                        continue;
                    }

                    // The site gave its UUID to another upload (a site that derives them, or another import): not this file.
                    found.Remove(item.Entity.Uuid);
                    plan.Targets.TryRemove(item.Entity.Uuid, out _);
                }

                if (!firstReferences.TryGetValue(item.Entity.Uuid, out var via))
                {
                    item.Action = ContentAction.Skipped;
                    item.Notes.Add("no entity of the folder references it, and JSON:API makes a file only by an upload to a field that references it");
                    continue;
                }

                if (ContentFolder.FindBytes(item.Entity) == null)
                {
                    item.Fail("ContentFileBytesMissing", DrupalErrorCategory.ObjectNotFound, $"{item}: its bytes are not in the folder (core's layout puts them beside {item.Entity.SourcePath}, named as the last segment of its uri).");
                    continue;
                }

                item.UploadThrough = via.Key;
                item.UploadField = via.Value;
                if (found.TryGetValue(via.Key.Uuid, out var referencing))
                {
                    candidates[item] = RelationshipIds(referencing, via.Value);
                }
            }

            var ids = candidates.Values.SelectMany(c => c).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count == 0)
            {
                return;
            }

            var files = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
            await ReadByIdAsync(plan, FileTypeName, ids, files, log, cancellationToken).ConfigureAwait(false);
            foreach (var pair in candidates)
            {
                var fields = pair.Key.Entity.Fields;
                var match = pair.Value.Select(id => files.TryGetValue(id, out var file) ? file : null).FirstOrDefault(file => file != null && IsSameFile(file, fields));
                if (match != null && Text(match, "id") is string siteId)
                {
                    pair.Key.Action = ContentAction.Unchanged;
                    pair.Key.Notes.Add($"uploaded before: the site's file {siteId} has its name and size");
                    plan.Targets[pair.Key.Entity.Uuid] = new ResolvedReference(FileTypeName, siteId);
                }
            }
        }

        /// <summary>Whether a file of the site has the folder's file's name and size.</summary>
        private static bool IsSameFile(PSObject file, ContentMap fields) =>
            string.Equals(Attribute(file, "filename"), Value(fields, "filename"), StringComparison.Ordinal)
            && string.Equals(Attribute(file, "filesize"), Value(fields, "filesize"), StringComparison.Ordinal);

        /// <summary>
        /// The translations the site has of the folder's translated entities that it has, read under each language's
        /// prefix in the same batched reads: "langcode\nuuid" → the resource (in that language, or the default one
        /// when the site has no such translation).
        /// </summary>
        private async Task<Dictionary<string, PSObject>> FindTranslationsAsync(ContentImportPlan plan, Dictionary<string, PSObject> found, IDrupalLog log, CancellationToken cancellationToken)
        {
            var translated = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
            if (_options.Existing != ExistingContent.Update)
            {
                return translated;
            }

            var wanted = plan.Items.Where(i => i.Action == ContentAction.Created && found.ContainsKey(i.Entity.Uuid) && i.Entity.EntityType != FileType)
                .SelectMany(i => i.Entity.Translations.Keys.Select(language => new { Language = language, i.Entity }))
                .GroupBy(t => (t.Language, t.Entity.TypeName));
            foreach (var group in wanted)
            {
                foreach (var resource in await _session.ReadByIdsAsync(group.Key.TypeName, group.Select(t => t.Entity.Uuid).ToList(), group.Key.Language, null, log, cancellationToken).ConfigureAwait(false))
                {
                    translated[group.Key.Language + "\n" + Text(resource, "id")] = resource;
                }
            }

            return translated;
        }

        /// <summary>An entity but a user or a file: its references, then what the site has under its UUID, per -Existing.</summary>
        private void PlanEntity(ContentImportPlan plan, PlannedContent item, Dictionary<string, PSObject> found, Dictionary<string, PSObject> translated)
        {
            var entity = item.Entity;
            if (entity.EntityType == FileType)
            {
                item.Action = ContentAction.Created;
                return;
            }

            foreach (var reference in ContentGraph.References(entity))
            {
                if (plan.Targets.ContainsKey(reference.ToUuid))
                {
                    continue;
                }

                var target = plan.Find(reference.ToUuid);
                if (target != null && target.Action == ContentAction.Created)
                {
                    continue;
                }

                if (IsUser(plan, reference))
                {
                    item.Fail("MissingUser", DrupalErrorCategory.ObjectNotFound, $"{item}: {reference.Field} references user {UserName(plan, reference.ToUuid)}, which the site does not have. Pass -DefaultUser to make such references point at a user of the site.");
                }
                else if (target != null)
                {
                    item.Fail("MissingReference", DrupalErrorCategory.ObjectNotFound, $"{item}: {reference.Field} references {target}, which is not imported: {target.Failure?.Message ?? string.Join("; ", target.Notes)}");
                }
                else
                {
                    item.Fail("MissingReference", DrupalErrorCategory.ObjectNotFound, $"{item}: {reference.Field} references {reference.ToEntityType ?? "an entity"} {reference.ToUuid}, which is neither in the folder nor on the site.");
                }

                return;
            }

            if (UserIds(item.Entity.Fields).Select(UserKey).FirstOrDefault(key => !plan.Targets.ContainsKey(key)) is string user)
            {
                item.Fail("MissingUser", DrupalErrorCategory.ObjectNotFound, $"{item} references {user.Replace(TargetIdKey, "user ")} by id, as core writes users 0 and 1, and the site shows no such user to the consumer. Pass -DefaultUser to make such references point at a user of the site.");
                return;
            }

            if (!found.TryGetValue(entity.Uuid, out var resource))
            {
                // Made in its default language only: none of its translations can exist, and none is read.
                item.Action = ContentAction.Created;
                item.Notes.AddRange(entity.Translations.Keys.Select(NoTranslation));
                return;
            }

            switch (_options.Existing)
            {
                case ExistingContent.Skip:
                    item.Action = ContentAction.Skipped;
                    item.Notes.Add("it exists on the site (-Existing Skip)");
                    return;
                case ExistingContent.Error:
                    item.Fail("ContentExists", DrupalErrorCategory.InvalidOperation, $"{item} already exists on the site (-Existing Error).");
                    return;
            }

            item.Existing = ResourceMapper.FromResource(resource);
            item.Changed.AddRange(_comparer.DifferingFields(OnSite(plan, item.Entity.Fields), item.Existing.Fields, SameFile(plan)));
            foreach (var translation in entity.Translations)
            {
                if (!translated.TryGetValue(translation.Key + "\n" + entity.Uuid, out var site) || !string.Equals(Attribute(site, "langcode"), translation.Key, StringComparison.OrdinalIgnoreCase))
                {
                    item.Notes.Add(NoTranslation(translation.Key));
                    continue;
                }

                var differing = _comparer.DifferingFields(OnSite(plan, translation.Value), ResourceMapper.FromResource(site).Fields, SameFile(plan));
                item.TranslationChanges[translation.Key] = differing;
                item.Changed.AddRange(differing.Select(f => TranslationField(translation.Key, f)));
            }

            item.Action = item.Changed.Count == 0 ? ContentAction.Unchanged : ContentAction.Updated;
        }

        /// <summary>
        /// Whether the site takes each field as a list, for the bundles to create that the lookups met none of: from one
        /// entity of the bundle (an empty site has none: then one item goes alone, several as a list).
        /// </summary>
        private async Task LearnShapesAsync(ContentImportPlan plan, IDrupalLog log, CancellationToken cancellationToken)
        {
            var unknown = plan.Items.Where(i => i.Action == ContentAction.Created && i.Entity.EntityType != FileType)
                .Select(i => i.Entity.TypeName)
                .Distinct(StringComparer.Ordinal)
                .Where(t => !plan.Shapes.Keys.Any(k => k.StartsWith(t + "\n", StringComparison.Ordinal)))
                .ToList();
            foreach (var typeName in unknown)
            {
                foreach (var resource in await ReadAsync(new EntityQuery(typeName, pageSize: 1), new PagingScope(first: 1), log, cancellationToken).ConfigureAwait(false))
                {
                    Learn(plan, typeName, resource);
                }
            }
        }

        private static void Learn(ContentImportPlan plan, string typeName, PSObject resource)
        {
            lock (plan.Shapes)
            {
                foreach (var property in Members(resource, "attributes"))
                {
                    if (property.Value != null)
                    {
                        plan.Shapes[typeName + "\n" + property.Name] = PowerShellValue.Unwrap(property.Value) is object[];
                    }
                }

                foreach (var property in Members(resource, "relationships"))
                {
                    var data = PowerShellValue.Member(property.Value, "data");
                    if (data != null)
                    {
                        plan.Shapes[typeName + "\n" + property.Name] = PowerShellValue.Unwrap(data) is object[];
                    }
                }
            }
        }

        private async Task UploadAsync(ContentImportPlan plan, PlannedContent item, IDrupalLog log, CancellationToken cancellationToken)
        {
            var through = item.UploadThrough!;
            var path = ContentFolder.FindBytes(item.Entity) ?? throw new DrupalException("ContentFileBytesMissing", DrupalErrorCategory.ObjectNotFound, $"{item}: its bytes are no longer in the folder.", item.Entity.SourcePath);
            var name = FileUpload.Name(path, Value(item.Entity.Fields, "filename"));
            var uploaded = await _session.Writer.UploadAsync(through.EntityType, through.Bundle, item.UploadField!, path, name, null, null, _session.Options, OpenTimeout, log, cancellationToken).ConfigureAwait(false);
            var id = uploaded == null ? null : SiteLookup.Id(uploaded);
            if (id == null)
            {
                throw new DrupalException("InvalidResponse", DrupalErrorCategory.InvalidResult, $"{item}: Drupal answered the upload without the new file's id.", item.Entity.SourcePath);
            }

            plan.Targets[item.Entity.Uuid] = new ResolvedReference(FileTypeName, id);
            item.Notes.Add($"uploaded through {through.TypeName} {item.UploadField}: the site's UUID for it is {id}");
        }

        /// <summary>
        /// A create with the folder's UUID, or a PATCH of the fields that differ. A field the consumer may not set
        /// (403 naming it: nothing was written) is left out for the rest of the import and the write sent again; a
        /// value that then differs from the site's is told in Notes, never a failure.
        /// </summary>
        private async Task WriteAsync(ContentImportPlan plan, PlannedContent item, IDrupalLog log, CancellationToken cancellationToken)
        {
            var entity = item.Entity;
            var create = item.Action == ContentAction.Created;
            var sending = new ContentMap();
            var refused = new List<string>();
            foreach (var field in item.Entity.Fields)
            {
                if (!create && !item.Changed.Contains(field.Key))
                {
                    continue;
                }

                if (plan.Refused.ContainsKey(entity.TypeName + "\n" + field.Key))
                {
                    refused.Add(field.Key);
                }
                else if (Postpones(plan, item, field.Key) is ContentReference[] postponed && postponed.Length > 0)
                {
                    item.Postponed.AddRange(postponed);
                }
                else
                {
                    sending[field.Key] = field.Value;
                }
            }

            while (sending.Count > 0 || create)
            {
                var payload = ResourceMapper.ToPayload(entity, sending, new ContentImportReferences(plan), IsList(plan, entity.TypeName));
                if (payload.Unresolved.Count > 0)
                {
                    throw new DrupalException("MissingReference", DrupalErrorCategory.ObjectNotFound, $"{item}: references that point nowhere on the site: {string.Join("; ", payload.Unresolved)}.", entity.SourcePath);
                }

                try
                {
                    if (create)
                    {
                        await _session.Writer.CreateAsync(entity.EntityType, entity.Bundle, payload.Attributes, payload.Relationships, retryNonIdempotent: true, _session.Options, log, cancellationToken, entity.Uuid).ConfigureAwait(false);
                        plan.Targets[entity.Uuid] = new ResolvedReference(entity.TypeName, entity.Uuid);
                    }
                    else
                    {
                        await _session.Writer.UpdateAsync(entity.EntityType, entity.Bundle, entity.Uuid, payload.Attributes, payload.Relationships, _session.Options, log, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }
                catch (DrupalException e) when (e.ErrorId == "Forbidden" && e.Target is JsonApiError error && error.Field is string field && sending.ContainsKey(field))
                {
                    log.Verbose($"Drupal refused {field} of {item} to the consumer ({error.Detail}): sending it without, and leaving it out of the rest of this import.");
                    plan.Refused[entity.TypeName + "\n" + field] = true;
                    refused.Add(field);
                    sending.Remove(field);
                }
            }

            if (!create)
            {
                item.Changed.RemoveAll(f => !sending.ContainsKey(f) && !f.StartsWith(TranslationsPrefix, StringComparison.Ordinal));
                if (item.Changed.Count == 0)
                {
                    item.Action = ContentAction.Unchanged;
                }
            }

            if (refused.Count > 0)
            {
                await NoteRefusedAsync(plan, item, refused, create, log, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Each refused value the site does not already have, as a note: the site's own after a create, the existing one after an update.</summary>
        private async Task NoteRefusedAsync(ContentImportPlan plan, PlannedContent item, IReadOnlyList<string> refused, bool created, IDrupalLog log, CancellationToken cancellationToken)
        {
            var site = created ? await ReadBackAsync(item.Entity, log, cancellationToken).ConfigureAwait(false) : item.Existing;
            if (site == null)
            {
                return;
            }

            var wanted = new ContentMap();
            foreach (var field in refused)
            {
                wanted[field] = item.Entity.Fields[field];
            }

            foreach (var field in _comparer.DifferingFields(OnSite(plan, wanted), site.Fields, SameFile(plan)))
            {
                item.Notes.Add($"{field} not set: the consumer may not set it (the folder has {ContentComparer.Render(ContentEntity.Items(item.Entity.Fields, field))}, the site {ContentComparer.Render(ContentEntity.Items(site.Fields, field))})");
            }
        }

        private async Task<ContentEntity?> ReadBackAsync(ContentEntity entity, IDrupalLog log, CancellationToken cancellationToken)
        {
            var page = await _session.Client.GetOneAsync(new EntityQuery(entity.TypeName), entity.Uuid, raw: true, _session.Options, log, cancellationToken).ConfigureAwait(false);
            return page.Items.SelectMany(ContentSession.Resources).FirstOrDefault() is PSObject resource ? ResourceMapper.FromResource(resource) : null;
        }

        /// <summary>
        /// The fields of each translation that planning found differing, under its language prefix, where the site has
        /// it; core's JSON:API cannot create one, which planning said in Notes rather than dropped.
        /// </summary>
        private async Task TranslateAsync(ContentImportPlan plan, PlannedContent item, IDrupalLog log, CancellationToken cancellationToken)
        {
            var entity = item.Entity;
            foreach (var translation in entity.Translations)
            {
                if (!item.TranslationChanges.TryGetValue(translation.Key, out var differing) || differing.Count == 0)
                {
                    continue;
                }

                var sending = new ContentMap();
                foreach (var field in differing)
                {
                    sending[field] = translation.Value[field];
                }

                var payload = ResourceMapper.ToPayload(entity, sending, new ContentImportReferences(plan), IsList(plan, entity.TypeName));
                await _session.Writer.UpdateAsync(entity.EntityType, entity.Bundle, entity.Uuid, payload.Attributes, payload.Relationships, _session.Options, log, cancellationToken, translation.Key).ConfigureAwait(false);
            }
        }

        /// <summary>The references of entities before this one that waited for it (a cycle): sent now that both ends are on the site.</summary>
        private async Task SendPostponedAsync(ContentImportPlan plan, PlannedContent item, IDrupalLog log, CancellationToken cancellationToken)
        {
            foreach (var from in plan.Graph!.Deferred.Where(d => string.Equals(d.ToUuid, item.Entity.Uuid, StringComparison.OrdinalIgnoreCase)).Select(d => plan.Find(d.FromUuid)).OfType<PlannedContent>().Distinct())
            {
                if (!await from.Settled.ConfigureAwait(false))
                {
                    continue;
                }

                var fields = new ContentMap();
                foreach (var reference in from.Postponed.Where(r => string.Equals(r.ToUuid, item.Entity.Uuid, StringComparison.OrdinalIgnoreCase)))
                {
                    fields[reference.Field] = from.Entity.Fields[reference.Field];
                }

                if (fields.Count == 0)
                {
                    continue;
                }

                var payload = ResourceMapper.ToPayload(from.Entity, fields, new ContentImportReferences(plan), IsList(plan, from.Entity.TypeName));
                if (payload.Unresolved.Count > 0)
                {
                    item.Notes.Add($"{from}'s {string.Join(", ", fields.Keys)} not set: {string.Join("; ", payload.Unresolved)}");
                    continue;
                }

                await _session.Writer.UpdateAsync(from.Entity.EntityType, from.Entity.Bundle, from.Entity.Uuid, payload.Attributes, payload.Relationships, _session.Options, log, cancellationToken).ConfigureAwait(false);
                item.Notes.Add($"then set {from}'s {string.Join(", ", fields.Keys)}, which point at it (a cycle)");
            }
        }

        /// <summary>The references of a field that close a cycle to an entity not yet on the site: the field waits for it.</summary>
        private static ContentReference[] Postpones(ContentImportPlan plan, PlannedContent item, string field) =>
            plan.Graph!.Deferred
                .Where(d => string.Equals(d.FromUuid, item.Entity.Uuid, StringComparison.OrdinalIgnoreCase) && d.Field == field && !plan.Targets.ContainsKey(d.ToUuid))
                .ToArray();

        /// <summary>The fields as the site would hold them: references to files uploaded before and to users mapped to -DefaultUser carry the site's UUIDs.</summary>
        private static ContentMap OnSite(ContentImportPlan plan, ContentMap fields)
        {
            var copy = new ContentMap();
            foreach (var field in fields)
            {
                copy[field.Key] = field.Value is List<object?> items ? items.Select(i => i is ContentMap item ? OnSite(plan, item, field.Key) : i).ToList() : field.Value;
            }

            return copy;
        }

        private static object OnSite(ContentImportPlan plan, ContentMap item, string field)
        {
            if (!(item["entity"] is string uuid) || !plan.Targets.TryGetValue(uuid, out var target) || string.Equals(target.Id, uuid, StringComparison.OrdinalIgnoreCase))
            {
                return item;
            }

            var copy = new ContentMap();
            foreach (var property in item)
            {
                copy[property.Key] = property.Key == "entity" ? target.Id : property.Value;
            }

            return copy;
        }

        private static Func<string, string, bool> SameFile(ContentImportPlan plan) =>
            (wanted, existing) => string.Equals(wanted, existing, StringComparison.OrdinalIgnoreCase)
                || (plan.Targets.TryGetValue(wanted, out var target) && string.Equals(target.Id, existing, StringComparison.OrdinalIgnoreCase));

        private static Func<string, bool?> IsList(ContentImportPlan plan, string typeName) =>
            field =>
            {
                lock (plan.Shapes)
                {
                    return plan.Shapes.TryGetValue(typeName + "\n" + field, out var list) ? list : (bool?)null;
                }
            };

        private static string TranslationField(string language, string field) => TranslationsPrefix + language + "." + field;

        private static string NoTranslation(string language) => $"translation {language} not written: the site has none, and its JSON:API cannot create one";

        /// <summary>The key of a user referenced by id (<c>target_id: 1</c>) among the plan's targets.</summary>
        internal static string UserKey(long uid) => UserKey(uid.ToString(CultureInfo.InvariantCulture));

        private static string UserKey(string uid) => TargetIdKey + uid;

        /// <summary>Users 0 and 1, which core's exporter writes as <c>target_id</c> (config targets are text: not these).</summary>
        private static IEnumerable<long> UserIds(ContentMap fields) =>
            fields.SelectMany(f => ContentEntity.Items(fields, f.Key)).Where(i => !i.ContainsKey("entity")).Select(i => i["target_id"]).OfType<long>();

        private static bool IsUser(ContentImportPlan plan, ContentReference reference) =>
            reference.ToEntityType == UserType || plan.Find(reference.ToUuid)?.Entity.EntityType == UserType;

        private static string UserName(ContentImportPlan plan, string uuid) =>
            uuid.StartsWith(TargetIdKey, StringComparison.Ordinal) ? "with id " + uuid.Substring(TargetIdKey.Length)
                : plan.Find(uuid)?.Entity.Label is string name ? $"{uuid} ('{name}')" : uuid;

        /// <summary>A translation's reference (<c>translations.es.field_image</c>) uploads through the field itself.</summary>
        private static string DefaultField(string field) =>
            field.StartsWith("translations.", StringComparison.Ordinal) ? field.Substring(field.LastIndexOf('.') + 1) : field;

        private static IEnumerable<PSPropertyInfo> Members(PSObject resource, string name) =>
            PowerShellValue.Unwrap(PowerShellValue.Member(resource, name)) is PSObject members ? members.Properties : Enumerable.Empty<PSPropertyInfo>();

        private static List<string> RelationshipIds(PSObject resource, string field)
        {
            var data = PowerShellValue.Unwrap(PowerShellValue.Member(PowerShellValue.Member(PowerShellValue.Member(resource, "relationships"), field), "data"));
            var identifiers = data is object[] list ? list : new[] { data };
            return identifiers.Select(i => Text(PowerShellValue.Unwrap(i) as PSObject, "id")).OfType<string>().ToList();
        }

        private static string? Text(PSObject? resource, string name) => resource == null ? null : SiteLookup.Text(resource, name);

        private static string? Attribute(PSObject resource, string name) =>
            Text(PowerShellValue.Unwrap(PowerShellValue.Member(resource, "attributes")) as PSObject, name);

        /// <summary>The first item's value of a field, as text.</summary>
        private static string? Value(ContentMap fields, string field) =>
            ContentEntity.Items(fields, field).FirstOrDefault()?["value"] is object value ? CellConverter.Text(value) : null;
    }
}
