using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Content
{
    /// <summary>One entity of an import plan: what will be done with it and, under -WhatIf, its result.</summary>
    public sealed class PlannedContent
    {
        // Completed once the entity is on the site (true) or will not be (false), so that those referencing it may go on.
        private readonly TaskCompletionSource<bool> _settled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public PlannedContent(ContentEntity entity)
        {
            Entity = entity ?? throw new ArgumentNullException(nameof(entity));
        }

        public ContentEntity Entity { get; }

        /// <summary>What the plan expects (Created/Updated/Unchanged/Skipped/Failed; WouldCreate/WouldUpdate under -WhatIf).</summary>
        public ContentAction Action { get; internal set; } = ContentAction.Created;

        /// <summary>The fields to send on an update (or sent), by name.</summary>
        internal List<string> Changed { get; } = new List<string>();

        /// <summary>Language → the fields of the folder's translation that differ from the site's, as planning read them: sent as they are, without reading again.</summary>
        internal Dictionary<string, IReadOnlyList<string>> TranslationChanges { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>What is not done as the folder says, without failing the entity.</summary>
        internal List<string> Notes { get; } = new List<string>();

        /// <summary>Why it fails, with the ErrorId of its error record; null unless Failed.</summary>
        public DrupalException? Failure { get; private set; }

        /// <summary>A file the site lacks: the first entity of the folder that references it, through whose route (bundle and field) it is uploaded.</summary>
        internal ContentEntity? UploadThrough { get; set; }

        /// <summary>The field of <see cref="UploadThrough"/> that references the file, such as <c>field_image</c>.</summary>
        internal string? UploadField { get; set; }

        /// <summary>The site's entity of the same UUID (or the file uploaded before), as content; null when the site has none.</summary>
        internal ContentEntity? Existing { get; set; }

        /// <summary>References left out of its write because what they point at was not yet on the site (a cycle): sent once it is.</summary>
        internal List<ContentReference> Postponed { get; } = new List<ContentReference>();

        /// <summary>True once it is on the site (found, made or mapped), false once it will not be.</summary>
        internal Task<bool> Settled => _settled.Task;

        /// <summary>Whether the plan has it created or updated (rather than Unchanged, Skipped or Failed).</summary>
        public bool Writes => Action == ContentAction.Created || Action == ContentAction.Updated;

        /// <summary>The result without writing: for entities that need no write, failed planning, or -WhatIf.</summary>
        public ContentResult AsResult() =>
            ContentResults.Of(Entity, Action, string.Join(", ", Changed), string.Join("; ", Notes), Failure?.Message, Entity.SourcePath);

        internal void Fail(string errorId, DrupalErrorCategory category, string message, Exception? inner = null) =>
            Fail(new DrupalException(errorId, category, message, Entity.SourcePath ?? Entity.Uuid, inner));

        internal void Fail(DrupalException failure)
        {
            Action = ContentAction.Failed;
            Failure = failure;
        }

        internal void Settle(bool onSite) => _settled.TrySetResult(onSite);

        public override string ToString() => $"{Entity.EntityType} {Entity.Uuid}{(Entity.Label == null ? string.Empty : " '" + Entity.Label + "'")}";
    }
}
