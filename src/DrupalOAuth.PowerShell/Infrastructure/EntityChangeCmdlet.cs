using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;
using DrupalOAuth.Sheets;
using DrupalOAuth.Throttling;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// What the cmdlets that change content share: an entity named by -EntityType, -Bundle and -Id or piped in
    /// (by its type and id), a -WhatIf that sends nothing at all, and a failure on one item that is an error record
    /// naming it, after which the pipeline goes on with the next (unless -ErrorAction Stop).
    /// </summary>
    public abstract class EntityChangeCmdlet : DrupalApiCmdlet
    {
        protected const string InputObjectSet = "InputObject";
        protected const string IdSet = "Id";

        private SheetSession? _sheets;
        private OrderedWrites? _writes;

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        /// <summary>
        /// The most items whose requests are in flight at once (1: one at a time, as a loop would); fewer while the
        /// site answers 429 or 503. Results still come in input order.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>"node--article 'Article 7' (uuid)", for -WhatIf, -Confirm and error messages.</summary>
        protected static string Describe(string type, string? id, object? entity)
        {
            var label = Label(entity);
            return $"{type}{(label == null ? string.Empty : $" '{label}'")}{(id == null ? string.Empty : $" ({id})")}";
        }

        /// <summary>
        /// The type and id of an entity from the pipeline, as Get-DrupalEntity writes it; an object without them is
        /// that item's error record, and the pipeline goes on.
        /// </summary>
        protected bool TryIdentify(PSObject entity, out string type, out string id)
        {
            if (PipedEntity.TryIdentify(entity, out type, out id))
            {
                return true;
            }

            Refuse(null, new DrupalException(
                "NotAnEntity",
                DrupalErrorCategory.InvalidArgument,
                "The object from the pipeline has no 'type' and 'id': pipe entities from Get-DrupalEntity, or pass -EntityType, -Bundle and -Id.",
                entity));
            return false;
        }

        /// <summary>
        /// Runs one item's change: <paramref name="prepare"/> on the pipeline thread (what is refused there sends
        /// nothing), then the request it returns, whose result (if not null) is written. With -ThrottleLimit above 1
        /// the request runs alongside others' and its result comes in input order. A failure becomes that item's
        /// error record and the pipeline goes on.
        /// </summary>
        protected void Change(string description, System.Func<System.Func<IDrupalLog, CancellationToken, Task<object?>>> prepare)
        {
            System.Func<IDrupalLog, CancellationToken, Task<object?>> send;
            try
            {
                send = prepare();
            }
            catch (DrupalException e)
            {
                Refuse(description, e);
                return;
            }

            if (ThrottleLimit > 1)
            {
                Writes().Add(description, send);
                return;
            }

            object? result;
            try
            {
                result = Await(send);
            }
            catch (DrupalException e)
            {
                WriteError(Described(description, e));
                return;
            }

            if (result != null)
            {
                WriteObject(result);
            }
        }

        protected override void Finish() => _writes?.Finish();

        protected override void Release() => _writes?.Abandon();

        /// <summary>An item refused before anything was sent for it: its error record, in its place among the results.</summary>
        protected void Refuse(string? description, DrupalException error)
        {
            var described = description == null ? error : Described(description, error);
            if (ThrottleLimit > 1)
            {
                Writes().Completed(described, null);
            }
            else
            {
                WriteError(described);
            }
        }

        private OrderedWrites Writes()
        {
            if (_writes == null)
            {
                Limit = new AdaptiveLimit(ThrottleLimit);
                _writes = new OrderedWrites(this, Limit, StopToken);
            }

            return _writes;
        }

        private static DrupalException Described(string description, DrupalException e) =>
            new DrupalException(e.ErrorId, e.Category, $"{description}: {e.Message}", e.Target, e, e.FurtherErrors);

        protected DrupalConnection ResolveConnection() => RunspaceConnections.Current.Resolve(Connection);

        /// <summary>
        /// Attributes as a sheet row gives them ("TRUE", "7", "2024-01-02", a plain string for formatted text) in the
        /// JSON types their fields take, as Import-DrupalEntity converts them; the fields are learned once per call.
        /// What the write would refuse anyway (a bad id, a value that cannot be sent) is refused first, so that
        /// nothing at all is sent for it.
        /// </summary>
        /// <param name="id">The entity's id for an update; null for a create.</param>
        protected IDictionary? Converted(DrupalConnection connection, string entityType, string? bundle, string? id, IDictionary? attributes, IDictionary? relationships)
        {
            DrupalConnection.CheckEntityChange(id, attributes, relationships);
            if (attributes == null || attributes.Count == 0)
            {
                return attributes;
            }

            _sheets ??= connection.OpenSheets(CallOptions);
            return Await((log, cancellation) => _sheets.ConvertAttributesAsync(entityType, bundle, attributes, log, cancellation));
        }

        /// <summary>The label of an entity object, or of the attributes of one to be made.</summary>
        private static string? Label(object? entity)
        {
            foreach (var name in new[] { "title", "name", "label", "filename" })
            {
                var value = entity is IDictionary attributes ? attributes[name] : (entity as PSObject)?.Properties[name]?.Value;
                if (value != null)
                {
                    return value.ToString();
                }
            }

            return null;
        }
    }
}
