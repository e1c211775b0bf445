using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.Json;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// JSON:API's shapes to core's field items and back, derived from core's JSON:API normalizers and its default-content
    /// Exporter: a single-property item is flattened to its value by JSON:API and becomes <c>{value: …}</c>; an object is a
    /// multi-property item with its computed properties (<c>processed</c>, <c>uri.url</c>, <c>path.pid</c>) left out; a
    /// relationship's identifiers become <c>entity: &lt;uuid&gt;</c> items keeping their <c>meta</c> (an image's alt,
    /// title, width, height). What core leaves out is left out: serial ids, revision ids, created/changed, langcode and
    /// bundle keys, computed fields, empty fields; references to users 0 and 1 stay <c>target_id</c>.
    /// </summary>
    /// <remarks>
    /// <para>Field order: the resource's attributes, then its relationships, as JSON:API lists them (core writes its field
    /// definitions' order, which JSON:API does not show); a reference item starts with <c>entity</c> (core puts it last).
    /// Field names are JSON:API's, which are Drupal's unless a site renames them (JSON:API Extras).</para>
    /// <para>Values: see <see cref="StoredValues"/>. A datetime is stored as <c>2024-01-02T03:04:05</c> in UTC and sent
    /// back with <c>+00:00</c>; a date-only value stays <c>2024-01-02</c>; a user's access and login are Unix seconds. A
    /// resource does not name its field types, so another timestamp field reads as a datetime (core writes Unix
    /// seconds): JSON:API takes either form back.</para>
    /// <para>A translation can hold only the fields it has: one the translation empties while the default has it is not
    /// expressible in core's format, and stays as the default's.</para>
    /// </remarks>
    public static class ResourceMapper
    {
        private const string TargetIdMeta = "drupal_internal__target_id";

        /// <summary>Left out whatever the entity type: JSON:API's own, entity keys, and the created/changed fields core never writes.</summary>
        private static readonly HashSet<string> AlwaysLeftOut = new HashSet<string>(StringComparer.Ordinal)
        {
            "id", "uuid", "langcode", "default_langcode", "created", "changed", "revision_timestamp", "revision_created",
            "revision_default", "content_translation_created", "content_translation_changed", "display_name", "bundle",

            // Computed fields JSON:API shows and core's exporter skips (metatag adds one to every entity it configures).
            "metatag", "moderation_state",
        };

        /// <summary>JSON:API's renamed bundle fields (<c>type</c> becomes <c>node_type</c>) and the one bundle key with another name.</summary>
        private static readonly Dictionary<string, string> BundleFields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["taxonomy_term"] = "vid",
            ["contact_message"] = "contact_form",
        };

        /// <summary>A raw JSON:API resource (type, id, attributes, relationships as read, not flattened) as a content entity; its Depends lists what it references.</summary>
        public static ContentEntity FromResource(PSObject resource)
        {
            var typeName = JsonMembers.Text(resource, "type") ?? throw NotAResource(resource, "type");
            var id = JsonMembers.Text(resource, "id") ?? throw NotAResource(resource, "id");
            var (entityType, bundle) = SplitTypeName(typeName);
            var attributes = PowerShellValue.Member(resource, "attributes");
            var entity = new ContentEntity(entityType, id, bundle, JsonMembers.Text(attributes, "langcode"));
            ReadFields(entity, resource, entity.Fields);
            if (entityType == "file" && PowerShellValue.Member(PowerShellValue.Member(attributes, "uri"), "url") is string url)
            {
                entity.FileUrl = AbsoluteUrl(resource, url);
            }

            return entity;
        }

        /// <summary>
        /// Adds the translation <paramref name="langcode"/> read through the language prefix: the fields whose items
        /// differ from the default translation's. Does nothing when the resource is not in that language (the site fell
        /// back to the default: no such translation).
        /// </summary>
        public static void AddTranslation(ContentEntity entity, string langcode, PSObject translatedResource)
        {
            if (!string.Equals(JsonMembers.Text(PowerShellValue.Member(translatedResource, "attributes"), "langcode"), langcode, StringComparison.Ordinal))
            {
                return;
            }

            var translated = new ContentMap();
            ReadFields(entity, translatedResource, translated);
            var differing = new ContentMap();
            foreach (var field in translated)
            {
                if (!StoredValues.Same(field.Value, entity.Fields[field.Key]))
                {
                    differing[field.Key] = field.Value;
                }
            }

            if (differing.Count > 0)
            {
                entity.Translations[langcode] = differing;
            }
        }

        /// <summary>
        /// The fields <paramref name="fields"/> (the entity's Fields, a translation's, or a subset) as a write payload.
        /// <paramref name="isList"/> says whether the target takes a field as a list (true), one value (false) or is not
        /// known (null: one item is sent alone, several as a list).
        /// </summary>
        /// <remarks>
        /// A reference the resolver does not know is named in Unresolved and left out of its field; a field left with
        /// no reference at all is not sent (sending it empty would clear the target's value).
        /// </remarks>
        public static ResourcePayload ToPayload(ContentEntity entity, ContentMap fields, IReferenceResolver resolver, Func<string, bool?>? isList)
        {
            var payload = new ResourcePayload();
            foreach (var field in fields)
            {
                var items = ContentEntity.Items(fields, field.Key);
                if (items.Count == 0 || IsLeftOut(entity.EntityType, field.Key))
                {
                    continue;
                }

                var list = isList?.Invoke(field.Key);
                if (items.Any(IsReference))
                {
                    var identifiers = items.Select(item => Identifier(entity, field.Key, item, resolver, payload.Unresolved)).OfType<OrderedDictionary>().ToList();
                    NumberRepeats(identifiers);
                    if (identifiers.Count > 0)
                    {
                        payload.Relationships[field.Key] = Shape(identifiers, list);
                    }
                }
                else
                {
                    payload.Attributes[field.Key] = Shape(items.Select(item => AttributeValue(field.Key, item)).ToList(), list);
                }
            }

            return payload;
        }

        /// <summary>The fields core never writes for this entity type (ids, revision keys, created/changed...), by JSON:API name.</summary>
        /// <remarks>
        /// Also a user's <c>pass</c>: core writes the hash, but JSON:API neither shows it nor takes a hash, so it is never
        /// read, sent or compared.
        /// </remarks>
        public static bool IsLeftOut(string entityType, string field) =>
            field.StartsWith("drupal_internal__", StringComparison.Ordinal)
            || AlwaysLeftOut.Contains(field)
            || field == entityType + "_type"
            || (BundleFields.TryGetValue(entityType, out var bundleField) && field == bundleField)
            || (entityType == "user" && field == "pass");

        /// <summary>An item of a JSON:API answer that is no resource: the server is not answering as Drupal does.</summary>
        private static DrupalException NotAResource(PSObject resource, string missing)
        {
            var self = SelfLink(resource);
            return new DrupalException(
                "InvalidResponse",
                DrupalErrorCategory.InvalidResult,
                $"A JSON:API resource{(self == null ? string.Empty : " (" + self + ")")} has no '{missing}', which every resource Drupal sends has; it cannot be read as content.",
                self);
        }

        private static string? SelfLink(PSObject resource)
        {
            var self = PowerShellValue.Member(PowerShellValue.Member(resource, "links"), "self");
            return JsonMembers.Text(self, "href") ?? PowerShellValue.Unwrap(self) as string;
        }

        /// <summary>node--article → (node, article); user--user → (user, null): a type without bundles repeats its name.</summary>
        internal static (string EntityType, string? Bundle) SplitTypeName(string typeName)
        {
            var at = typeName.IndexOf("--", StringComparison.Ordinal);
            if (at < 0)
            {
                return (typeName, null);
            }

            var entityType = typeName.Substring(0, at);
            var bundle = typeName.Substring(at + 2);
            return (entityType, bundle == entityType ? null : bundle);
        }

        /// <summary>Where a file's bytes are served: Drupal gives a root-relative URL, resolved against the resource's own link (its origin).</summary>
        private static Uri? AbsoluteUrl(PSObject resource, string url)
        {
            var href = SelfLink(resource);

            // On Unix .NET reads a root-relative "/sites/default/files/…" as an absolute file: URI.
            if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme != Uri.UriSchemeFile)
            {
                return absolute;
            }

            return href != null && Uri.TryCreate(href, UriKind.Absolute, out var origin) && Uri.TryCreate(origin, url, out var made) ? made : null;
        }

        private static void ReadFields(ContentEntity entity, PSObject resource, ContentMap fields)
        {
            foreach (var attribute in JsonMembers.Of(PowerShellValue.Member(resource, "attributes")))
            {
                if (!IsLeftOut(entity.EntityType, attribute.Key))
                {
                    var items = AttributeItems(entity.EntityType, attribute.Key, attribute.Value);
                    if (items.Count > 0 && !items.All(IsEmpty))
                    {
                        fields[attribute.Key] = items;
                    }
                }
            }

            foreach (var relationship in JsonMembers.Of(PowerShellValue.Member(resource, "relationships")))
            {
                if (!IsLeftOut(entity.EntityType, relationship.Key))
                {
                    var items = new List<object?>();
                    foreach (var identifier in JsonMembers.Items(PowerShellValue.Member(relationship.Value, "data")))
                    {
                        if (ReferenceItem(entity, identifier) is ContentMap item)
                        {
                            items.Add(item);
                        }
                    }

                    if (items.Count > 0)
                    {
                        fields[relationship.Key] = items;
                    }
                }
            }
        }

        private static List<object?> AttributeItems(string entityType, string field, object? value)
        {
            var timestamp = entityType == "user" && (field == "access" || field == "login");
            var items = new List<object?>();
            foreach (var item in JsonMembers.Items(value))
            {
                if (item == null)
                {
                    continue;
                }

                if (PowerShellValue.IsObject(item))
                {
                    items.Add(Stored(field, (ContentMap)Value(item)!));
                }
                else
                {
                    items.Add(new ContentMap { ["value"] = StoredValues.FromJson(PowerShellValue.Unwrap(item), timestamp) });
                }
            }

            return items;
        }

        /// <summary>
        /// A multi-property item without what the site computes: text's <c>processed</c>, a file uri's <c>url</c>, a
        /// path's <c>pid</c>, and a comment field's statistics (only its status is the entity's own). Core's folders
        /// carry the statistics, so items read from a folder pass here before they are sent or compared.
        /// </summary>
        internal static ContentMap Stored(string field, ContentMap item)
        {
            var comment = item.ContainsKey("last_comment_timestamp");
            if (item.Keys.All(property => IsStored(field, property, comment)))
            {
                return item;
            }

            var stored = new ContentMap();
            foreach (var property in item)
            {
                if (IsStored(field, property.Key, comment))
                {
                    stored[property.Key] = property.Value;
                }
            }

            return stored;
        }

        private static bool IsStored(string field, string property, bool comment) =>
            comment ? property == "status" : !(property == "processed" || (field == "uri" && property == "url") || (field == "path" && property == "pid"));

        /// <summary>A value inside an item: objects as maps, arrays as lists (a link's options, say), scalars as stored.</summary>
        private static object? Value(object? value)
        {
            value = PowerShellValue.Unwrap(value);
            if (PowerShellValue.IsObject(value))
            {
                var map = new ContentMap();
                foreach (var property in JsonMembers.Of(value))
                {
                    map[property.Key] = Value(property.Value);
                }

                return map;
            }

            return value is object?[] array ? array.Select(Value).ToList() : StoredValues.FromJson(value, timestamp: false);
        }

        /// <summary>As core's field types say: an item whose main property (value, or a link's uri) is null or empty; else one whose properties all are.</summary>
        private static bool IsEmpty(object? item)
        {
            var map = (ContentMap)item!;
            var main = map.ContainsKey("value") ? "value" : map.ContainsKey("uri") ? "uri" : null;
            return main != null ? IsNothing(map[main]) : map.All(p => IsNothing(p.Value));
        }

        private static bool IsNothing(object? value) => value == null || (value is string text && text.Length == 0);

        /// <summary>
        /// One resource identifier as core's exporter writes the reference: <c>entity: uuid</c> and the item's other
        /// properties (meta), users 0 and 1 and config targets by <c>target_id</c>; nothing for the identifiers JSON:API
        /// gives for no target (a root term's <c>virtual</c> parent, a deleted target's <c>missing</c>).
        /// </summary>
        private static ContentMap? ReferenceItem(ContentEntity entity, object? identifier)
        {
            var type = JsonMembers.Text(identifier, "type");
            var id = JsonMembers.Text(identifier, "id");
            if (type == null || id == null || id == "virtual" || id == "missing")
            {
                return null;
            }

            var meta = PowerShellValue.Member(identifier, "meta");
            var targetId = PowerShellValue.Unwrap(PowerShellValue.Member(meta, TargetIdMeta));
            var item = new ContentMap();
            if (targetId is string configId)
            {
                item["target_id"] = configId;
            }
            else if (type == "user--user" && targetId is long user && user < 2)
            {
                item["target_id"] = user;
            }
            else
            {
                item["entity"] = id;
                entity.Depends[id] = SplitTypeName(type).EntityType;
            }

            foreach (var property in JsonMembers.Of(meta))
            {
                // target_revision_id (entity_reference_revisions) is the source site's revision: the target's differs;
                // arity only tells apart identifiers that repeat a target, which the item's place in the list already does.
                if (property.Key != TargetIdMeta && property.Key != "links" && property.Key != "target_revision_id" && property.Key != "arity")
                {
                    item[property.Key] = Value(property.Value);
                }
            }

            return item;
        }

        private static bool IsReference(ContentMap item) => item.ContainsKey("entity") || item.ContainsKey("target_id");

        private static OrderedDictionary? Identifier(ContentEntity entity, string field, ContentMap item, IReferenceResolver resolver, List<string> unresolved)
        {
            var uuid = item["entity"] as string;
            var targetId = uuid == null ? item["target_id"] : null;
            var entityType = uuid != null ? entity.Depends[uuid] as string : null;
            var target = resolver.Resolve(field, entityType, uuid, targetId);
            if (target == null)
            {
                unresolved.Add($"{field}: {entityType ?? "unknown type"} {uuid ?? Convert.ToString(targetId, System.Globalization.CultureInfo.InvariantCulture)}");
                return null;
            }

            var identifier = new OrderedDictionary { ["type"] = target.TypeName, ["id"] = target.Id };
            var meta = new OrderedDictionary();
            foreach (var property in item)
            {
                if (property.Key != "entity" && property.Key != "target_id")
                {
                    meta[property.Key] = PayloadValue(property.Value);
                }
            }

            if (meta.Count > 0)
            {
                identifier["meta"] = meta;
            }

            return identifier;
        }

        /// <summary>
        /// JSON:API refuses a target given twice in one relationship unless <c>meta.arity</c> tells the identifiers apart
        /// (ResourceIdentifier): each of a repeated target's identifiers is numbered from 0, in order.
        /// </summary>
        private static void NumberRepeats(List<OrderedDictionary> identifiers)
        {
            foreach (var repeated in identifiers.GroupBy(i => i["type"] + " " + i["id"], StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var arity = 0L;
                foreach (var identifier in repeated)
                {
                    if (!(identifier["meta"] is OrderedDictionary meta))
                    {
                        identifier["meta"] = meta = new OrderedDictionary();
                    }

                    meta["arity"] = arity++;
                }
            }
        }

        /// <summary>An attribute item as JSON:API takes it: a single <c>value</c> flattened to it, other items as objects.</summary>
        private static object? AttributeValue(string field, ContentMap item)
        {
            var stored = Stored(field, item);
            return stored.Count == 1 && stored.ContainsKey("value") ? PayloadValue(stored["value"]) : PayloadValue(stored);
        }

        private static object? PayloadValue(object? value)
        {
            switch (value)
            {
                case ContentMap map:
                    var dictionary = new OrderedDictionary();
                    foreach (var property in map)
                    {
                        dictionary[property.Key] = PayloadValue(property.Value);
                    }

                    return dictionary;
                case List<object?> list:
                    return list.Select(PayloadValue).ToList();
                default:
                    return StoredValues.ToJson(value);
            }
        }

        private static object? Shape<T>(List<T> values, bool? isList) =>
            isList == true || (isList == null && values.Count > 1) ? values.Cast<object?>().ToList() : (object?)values.FirstOrDefault();
    }
}
