using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DrupalOAuth.Errors;
using DrupalOAuth.Input;
using DrupalOAuth.Json;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// What -Relationships gives for one field, as JSON:API resource identifiers: an id, an entity from
    /// Get-DrupalEntity, <c>@{ type = ...; id = ... }</c> (with <c>meta</c>, such as an image's alt), an array of these,
    /// or $null to empty the field. A bare id has no type yet; the writer looks it up from the field's existing data.
    /// </summary>
    internal sealed class RelationshipValue
    {
        private RelationshipValue(string field, IReadOnlyList<Identifier>? identifiers, bool isList)
        {
            Field = field;
            Identifiers = identifiers ?? Array.Empty<Identifier>();
            IsList = isList;
        }

        public string Field { get; }

        public IReadOnlyList<Identifier> Identifiers { get; }

        /// <summary>A list (multi-value field) rather than one identifier or null.</summary>
        public bool IsList { get; }

        public bool NeedsType => Identifiers.Any(i => i.Type == null);

        public static IReadOnlyList<RelationshipValue> ReadAll(IDictionary? relationships)
        {
            var values = new List<RelationshipValue>();
            if (relationships == null)
            {
                return values;
            }

            var walk = new InputWalk("-Relationships");
            using (walk.Enter(relationships, string.Empty))
            {
                foreach (DictionaryEntry entry in relationships)
                {
                    var field = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    var value = walk.Read(entry.Value, field);
                    if (value is IEnumerable list && !(value is string) && !(value is IDictionary) && !(value is PSObject))
                    {
                        var identifiers = new List<Identifier>();
                        using (walk.Enter(list, field))
                        {
                            foreach (var item in list)
                            {
                                identifiers.Add(Read(walk, field, item, InputWalk.ItemName(identifiers.Count)));
                            }
                        }

                        values.Add(new RelationshipValue(field, identifiers, isList: true));
                    }
                    else
                    {
                        values.Add(new RelationshipValue(field, value == null ? null : new[] { Read(walk, field, value, field) }, isList: false));
                    }
                }
            }

            return values;
        }

        public RelationshipValue WithType(string type) =>
            new RelationshipValue(Field, Identifiers.Select(i => i.Type == null ? new Identifier(type, i.Id, i.Meta) : i).ToList(), IsList);

        private static Identifier Read(InputWalk walk, string field, object? item, string name)
        {
            switch (walk.Read(item, name))
            {
                case string id when id.Trim().Length > 0:
                    return new Identifier(null, id.Trim(), null);
                case IDictionary dictionary:
                    using (walk.Enter(dictionary, name))
                    {
                        return new Identifier(Text(walk, Member(dictionary, "type"), "type"), Text(walk, Member(dictionary, "id"), "id") ?? throw Refused(field), Meta(walk, Member(dictionary, "meta")));
                    }

                case PSObject entity when entity.Properties["id"]?.Value is object id:
                    using (walk.Enter(entity, name))
                    {
                        return new Identifier(Text(walk, entity.Properties["type"]?.Value, "type"), Text(walk, id, "id") ?? throw Refused(field), null);
                    }

                default:
                    throw Refused(field);
            }
        }

        private static object? Member(IDictionary dictionary, string name)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }

            return null;
        }

        private static byte[]? Meta(InputWalk walk, object? meta) => meta == null ? null : JsonRequestWriter.ToUtf8(meta, walk, "meta");

        private static string? Text(InputWalk walk, object? value, string name) =>
            walk.Single(value, name) is object single ? Convert.ToString(single, CultureInfo.InvariantCulture) : null;

        private static DrupalException Refused(string field) =>
            new DrupalException(
                "InvalidRelationship",
                DrupalErrorCategory.InvalidArgument,
                $"-Relationships '{field}': each value must be an entity id, an entity from Get-DrupalEntity, or @{{ type = 'taxonomy_term--tags'; id = '<uuid>' }}, or an array of these; $null empties the field.",
                field);

        /// <summary>One JSON:API resource identifier.</summary>
        internal sealed class Identifier
        {
            public Identifier(string? type, string id, byte[]? meta)
            {
                Type = string.IsNullOrWhiteSpace(type) ? null : type;
                Id = id;
                Meta = meta;
            }

            public string? Type { get; }

            public string Id { get; }

            /// <summary>The identifier's meta (such as an image's alt) as JSON, written when it was read.</summary>
            public byte[]? Meta { get; }
        }
    }
}
