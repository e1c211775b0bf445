using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Content;
using DrupalOAuth.Errors;
using DrupalOAuth.JsonApi;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Two sets of content, each a default-content folder or a site, matched by UUID and compared field by field, in the
    /// spirit of Compare-Object: one ContentDifference per entity on one side only, per differing field, and with
    /// -IncludeEqual per equal entity.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "DrupalContent")]
    [OutputType(typeof(ContentDifference))]
    public sealed class CompareDrupalContentCommand : DrupalApiCmdlet
    {
        private const int ProgressActivityId = 0x44_72_79;

        /// <summary>A folder (its path, or a DirectoryInfo), or a connection (the object, or its name).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public object? Reference { get; set; }

        /// <summary>A folder (its path, or a DirectoryInfo), or a connection (the object, or its name).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        public object? Difference { get; set; }

        /// <summary>What a site side reads: an entity type such as node, or a resource type such as node--article; by default the UUIDs the folder side holds.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        public string? Bundle { get; set; }

        [Parameter]
        public IDictionary? Filter { get; set; }

        /// <summary>UUIDs of the entities a site side reads (with -EntityType).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>Fields left out of the comparison, such as uid when authors were mapped; a translation's as translations.es.title.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? ExcludeField { get; set; }

        /// <summary>Also writes each entity that is the same on both sides (==).</summary>
        [Parameter]
        public SwitchParameter IncludeEqual { get; set; }

        /// <summary>A site side only compares what it references: without this, referenced users stay references.</summary>
        [Parameter]
        public SwitchParameter IncludeUsers { get; set; }

        /// <summary>The languages whose translations a site side reads; by default those the site lists to the consumer.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Language { get; set; }

        /// <summary>How many requests (pages, files) may be in flight at once on each site.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 4;

        private bool HasSelection => EntityType != null || Bundle != null || Filter != null || Id != null;

        protected override void Process()
        {
            var reference = Side(Reference!, nameof(Reference));
            var difference = Side(Difference!, nameof(Difference));
            CheckSelection(reference, difference);

            // Folders first: a site compared with a folder reads the entities the folder holds.
            var referenceEntities = reference.Folder == null ? null : ReadFolder(reference.Folder, nameof(Reference));
            var differenceEntities = difference.Folder == null ? null : ReadFolder(difference.Folder, nameof(Difference));
            referenceEntities ??= ReadSite(reference.Connection!, nameof(Reference), differenceEntities);
            differenceEntities ??= ReadSite(difference.Connection!, nameof(Difference), referenceEntities);

            var comparer = new ContentComparer(ExcludeField, IncludeEqual);
            var differences = Await((log, cancellation) => Task.Run(() => (IReadOnlyList<ContentDifference>)comparer.Compare(referenceEntities, differenceEntities).ToList(), cancellation));
            var differing = differences.Where(d => d.SideIndicator == ContentDifference.Different).Select(d => d.Uuid).Distinct(System.StringComparer.Ordinal).Count();
            WriteVerbose($"{referenceEntities.Count} entities in the reference, {differenceEntities.Count} in the difference: {Count(differences, ContentDifference.OnlyInReference)} only in the reference, {Count(differences, ContentDifference.OnlyInDifference)} only in the difference, {differing} different in {Count(differences, ContentDifference.Different)} fields.");
            foreach (var found in differences)
            {
                WriteObject(found);
            }
        }

        private static int Count(IReadOnlyList<ContentDifference> differences, string indicator) => differences.Count(d => d.SideIndicator == indicator);

        /// <summary>A folder or a connection: a folder that exists wins over a connection of the same name.</summary>
        private ContentSide Side(object value, string parameter)
        {
            var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (unwrapped)
            {
                case DrupalConnection connection:
                    return new ContentSide(connection, null);
                case DirectoryInfo directory:
                    return new ContentSide(null, directory.FullName);
                case string text when text.Length > 0:
                    var path = GetUnresolvedProviderPathFromPSPath(text);
                    if (Directory.Exists(path))
                    {
                        return new ContentSide(null, path);
                    }

                    if (RunspaceConnections.Current.Get(text) is DrupalConnection named)
                    {
                        return new ContentSide(named, null);
                    }

                    throw new DrupalException(
                        "ContentFolderNotFound",
                        DrupalErrorCategory.ObjectNotFound,
                        $"-{parameter} '{text}' is neither a folder ('{path}' does not exist) nor the name of a Drupal connection. Pass a default-content folder, a connection from Connect-DrupalApi, or its -Name.",
                        text);
                default:
                    throw new DrupalException(
                        "InvalidContentSide",
                        DrupalErrorCategory.InvalidArgument,
                        $"-{parameter} takes a folder (a path or a DirectoryInfo) or a Drupal connection (the object or its name), not a {unwrapped?.GetType().Name ?? "null"}.",
                        value);
            }
        }

        private void CheckSelection(ContentSide reference, ContentSide difference)
        {
            if (reference.Connection == null && difference.Connection == null)
            {
                if (HasSelection)
                {
                    WriteWarning("-EntityType, -Bundle, -Filter and -Id select what a site side reads; both sides are folders, so each is compared whole.");
                }

                return;
            }

            if (EntityType == null && HasSelection)
            {
                throw new DrupalException(
                    "InvalidEntityType",
                    DrupalErrorCategory.InvalidArgument,
                    "-Bundle, -Filter and -Id need -EntityType: pass the entity type to read, such as -EntityType node -Bundle article.");
            }

            if (EntityType == null && reference.Connection != null && difference.Connection != null)
            {
                throw new DrupalException(
                    "InvalidEntityType",
                    DrupalErrorCategory.InvalidArgument,
                    "Comparing two sites needs -EntityType (with -Bundle, -Filter or -Id as needed), such as -EntityType node -Bundle article: what they reference is read and compared too.");
            }
        }

        private IReadOnlyList<ContentEntity> ReadFolder(string folder, string parameter)
        {
            var contents = Await((log, cancellation) => Task.Run(() => ContentFolder.Read(folder, cancellation, hashFiles: true), cancellation));
            foreach (var problem in contents.Problems)
            {
                WriteError(new DrupalException("InvalidContentFile", DrupalErrorCategory.InvalidData, $"{problem.Message} It is left out of the comparison.", problem.Path));
            }

            var entities = ContentComparer.AsSiteReads(contents.Entities, IncludeUsers, EntityType);
            var users = contents.Entities.Count - entities.Count;
            WriteVerbose($"-{parameter}: {contents.Entities.Count} entities read from the folder '{contents.Root}'{(contents.Problems.Count > 0 ? $"; {contents.Problems.Count} files could not be read" : string.Empty)}{(users > 0 ? $"; {users} users left out (-IncludeUsers compares them)" : string.Empty)}.");
            return entities;
        }

        /// <param name="folderEntities">The other side's, when it is a folder and no -EntityType was given: the site reads those UUIDs.</param>
        private IReadOnlyList<ContentEntity> ReadSite(DrupalConnection connection, string parameter, IReadOnlyList<ContentEntity>? folderEntities)
        {
            Limit = new AdaptiveLimit(ThrottleLimit);
            var session = connection.OpenContent(CallOptions);
            var walker = EntityType != null
                ? new ContentWalker(session, new EntityQuery(EntityType, Bundle, EntityQuery.WithIds(Filter, Id)), null, WalkOptions(folderEntities))
                : new ContentWalker(session, null, folderEntities!.Select(e => new KeyValuePair<string, string>(e.TypeName, e.Uuid)).ToList(), WalkOptions(folderEntities));
            var reader = new SiteContentReader(session, walker);
            var entities = new List<ContentEntity>();
            var activity = $"Reading {connection.SiteUri} (-{parameter})";
            for (var batch = Await(reader.NextAsync); batch != null; batch = Await(reader.NextAsync))
            {
                entities.AddRange(batch);
                WriteProgress(new ProgressRecord(ProgressActivityId, activity, $"{entities.Count} entities, {reader.Requests} requests"));
            }

            WriteProgress(new ProgressRecord(ProgressActivityId, activity, $"{entities.Count} entities") { RecordType = ProgressRecordType.Completed });

            var unread = reader.FailuresBesides(folderEntities, out var notOnSite);
            foreach (var failure in unread)
            {
                WriteWarning($"-{parameter}: {failure.EntityType} {failure.Uuid}{(failure.Label == null ? string.Empty : $" ({failure.Label})")} could not be read, so it is not compared: {failure.Error}");
            }

            WriteVerbose($"-{parameter}: {entities.Count} entities read from {connection.SiteUri} in {reader.Requests} requests{(notOnSite > 0 ? $"; {notOnSite} of the folder's are not there by UUID" : string.Empty)}{(unread.Count > 0 ? $"; {unread.Count} could not be read" : string.Empty)}.");
            return entities;
        }

        /// <param name="folderEntities">The other side's, when it is a folder.</param>
        private ContentWalkOptions WalkOptions(IReadOnlyList<ContentEntity>? folderEntities) => new ContentWalkOptions
        {
            Dependencies = true,
            IncludeUsers = IncludeUsers,
            Languages = Language ?? (folderEntities == null ? null : ContentComparer.TranslationLanguages(folderEntities)),
            PagesAtOnce = ThrottleLimit,
        };

        /// <summary>One side of the comparison: a connection or a folder path.</summary>
        private sealed class ContentSide
        {
            public ContentSide(DrupalConnection? connection, string? folder)
            {
                Connection = connection;
                Folder = folder;
            }

            public DrupalConnection? Connection { get; }

            public string? Folder { get; }
        }
    }
}
