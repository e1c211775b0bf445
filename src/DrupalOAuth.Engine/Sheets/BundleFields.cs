using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// The fields of one resource type (node--article) as the site's own data shows them: learned from resources
    /// (the first page, then one IS NOT NULL request for each field still unknown), in the order Drupal writes them.
    /// Immutable: <see cref="With"/> makes a new one that knows more.
    /// </summary>
    internal sealed class BundleFields
    {
        private const string ProcessedProperty = "processed";
        private const string PathIdProperty = "pid";
        private const string CommentStatusProperty = "status";

        private static readonly string[] ReadOnlyPrefixes = { "drupal_internal__", "revision_", "content_translation_" };
        private static readonly string[] ReadOnlyNames = { "changed", "default_langcode" };

        private readonly Dictionary<string, FieldShape> _byName;

        private BundleFields(string typeName, IReadOnlyList<FieldShape> fields)
        {
            TypeName = typeName;
            LabelField = Sheets.LabelField.For(typeName);
            Fields = fields;
            _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
            Unknown = fields.Where(f => !f.IsReadOnly && IsUnknown(f)).Select(f => f.Name).ToList();
        }

        public string TypeName { get; }

        /// <summary>The label field of the type: title, name, filename... (<see cref="LabelField.For"/>).</summary>
        public string LabelField { get; }

        /// <summary>Every attribute and relationship seen, read-only ones included, in the order Drupal writes them.</summary>
        public IReadOnlyList<FieldShape> Fields { get; }

        /// <summary>
        /// The names of the fields still <see cref="FieldKind.Unknown"/> (null wherever looked), or relationships whose
        /// target types are unknown; read-only ones are left out, since nothing is ever written to them.
        /// </summary>
        public IReadOnlyList<string> Unknown { get; }

        /// <summary>What <paramref name="resources"/> (JSON:API resource objects of <paramref name="typeName"/>) show.</summary>
        public static BundleFields Learn(string typeName, IEnumerable<JsonElement> resources) =>
            new BundleFields(typeName, Array.Empty<FieldShape>()).With(resources);

        /// <summary>
        /// This knowledge and what <paramref name="resources"/> add: new fields, kinds of fields that were unknown, and
        /// kinds widened where the new values need it (an integer field seen with a fraction is a number).
        /// </summary>
        public BundleFields With(IEnumerable<JsonElement> resources)
        {
            var learners = Learners();
            foreach (var resource in resources)
            {
                if (resource.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (resource.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
                {
                    foreach (var attribute in attributes.EnumerateObject())
                    {
                        Learner(learners, attribute.Name).ObserveValue(attribute.Value);
                    }
                }

                if (resource.TryGetProperty("relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Object)
                {
                    foreach (var relationship in relationships.EnumerateObject())
                    {
                        Learner(learners, relationship.Name).ObserveRelationship(relationship.Value);
                    }
                }
            }

            return Build(learners);
        }

        /// <summary>A relationship given its target types by -ReferenceType.</summary>
        public BundleFields WithTargets(string field, IReadOnlyList<string> targetTypes)
        {
            var learners = Learners();
            Learner(learners, field).SetTargets(targetTypes);
            return Build(learners);
        }

        public FieldShape? Find(string name) => _byName.TryGetValue(name, out var field) ? field : null;

        /// <summary>Up to three field names nearest to <paramref name="name"/> (edit distance), for "no such field" errors.</summary>
        public IReadOnlyList<string> Nearest(string name)
        {
            var wanted = name.Trim().ToLowerInvariant();
            var limit = Math.Max(2, wanted.Length / 3);
            return Writable()
                .Select((candidate, order) => new { candidate, order, distance = EditDistance(wanted, candidate.ToLowerInvariant()) })
                .Where(c => c.distance <= limit)
                .OrderBy(c => c.distance)
                .ThenBy(c => c.order)
                .Take(3)
                .Select(c => c.candidate)
                .ToList();
        }

        /// <summary>
        /// The columns of an export: id, the label, then the other fields in order, an object field as one dotted
        /// column per property; read-only fields and properties only with <paramref name="includeReadOnly"/>.
        /// </summary>
        public IReadOnlyList<SheetColumn> Columns(bool includeReadOnly)
        {
            var columns = new List<SheetColumn> { new SheetColumn(SheetColumn.IdHeader, null, null) };
            var label = Find(LabelField);
            foreach (var field in label == null ? Fields : new[] { label }.Concat(Fields.Where(f => f != label)))
            {
                if (field.IsReadOnly && !includeReadOnly)
                {
                    continue;
                }

                if (field.Kind != FieldKind.Object || field.Properties.Count == 0)
                {
                    columns.Add(new SheetColumn(field.Name, field, null));
                    continue;
                }

                columns.AddRange(field.Properties
                    .Where(p => includeReadOnly || !p.IsReadOnly)
                    .Select(p => new SheetColumn(Dotted(field, p), field, p)));
            }

            return columns;
        }

        /// <summary>
        /// The column a header names: id, a field, or field.property. Null when it names nothing of the type;
        /// read-only ones are found (and then ignored by the import).
        /// </summary>
        public SheetColumn? Column(string header)
        {
            var name = header.Trim();
            if (string.Equals(name, SheetColumn.IdHeader, StringComparison.OrdinalIgnoreCase))
            {
                return new SheetColumn(SheetColumn.IdHeader, null, null);
            }

            if (Match(name, Fields, f => f.Name) is FieldShape field)
            {
                return new SheetColumn(field.Name, field, null);
            }

            var dot = name.IndexOf('.');
            if (dot > 0 && Match(name.Substring(0, dot), Fields, f => f.Name) is FieldShape parent)
            {
                var propertyName = name.Substring(dot + 1);
                if (parent.Kind == FieldKind.Object && Match(propertyName, parent.Properties, p => p.Name) is FieldShape property)
                {
                    return new SheetColumn(Dotted(parent, property), parent, property);
                }

                // Null wherever looked: its properties are unknown too, and go as text.
                if (parent.Kind == FieldKind.Unknown && propertyName.Length > 0)
                {
                    return new SheetColumn(parent.Name + "." + propertyName, parent, new FieldShape(propertyName, FieldKind.Unknown, isReadOnly: parent.IsReadOnly || IsReadOnlyPropertyName(propertyName, Array.Empty<string>())));
                }

                return null;
            }

            // A type's label is always a text field, even before any entity of the type has been seen.
            return string.Equals(name, LabelField, StringComparison.OrdinalIgnoreCase) ? new SheetColumn(LabelField, new FieldShape(LabelField, FieldKind.Text), null) : null;
        }

        private static bool IsUnknown(FieldShape field) =>
            field.Kind == FieldKind.Reference ? field.TargetTypes.Count == 0 : field.Kind == FieldKind.Unknown;

        private static string Dotted(FieldShape field, FieldShape property) => field.Name + "." + property.Name;

        /// <summary>The exact name, else the one name that differs only in case.</summary>
        private static T? Match<T>(string name, IEnumerable<T> items, Func<T, string> nameOf)
            where T : class
        {
            var exact = items.FirstOrDefault(i => nameOf(i) == name);
            if (exact != null)
            {
                return exact;
            }

            var loose = items.Where(i => string.Equals(nameOf(i), name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return loose.Count == 1 ? loose[0] : null;
        }

        private static ShapeLearner Learner(List<ShapeLearner> learners, string name)
        {
            var learner = learners.FirstOrDefault(l => l.Name == name);
            if (learner == null)
            {
                learner = new ShapeLearner(name);
                learners.Add(learner);
            }

            return learner;
        }

        private static int EditDistance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        private List<ShapeLearner> Learners() => Fields.Select(ShapeLearner.From).ToList();

        private BundleFields Build(List<ShapeLearner> learners) => new BundleFields(TypeName, learners.Select(BuildField).ToList());

        private FieldShape BuildField(ShapeLearner learner)
        {
            var readOnly = IsReadOnlyField(learner);
            var propertyNames = learner.Properties.Select(p => p.Name).ToList();
            var properties = learner.Properties
                .Select(p => BuildProperty(p, readOnly || IsReadOnlyPropertyName(p.Name, propertyNames)))
                .ToList();
            return new FieldShape(learner.Name, learner.Kind, learner.IsList, properties, learner.TextFormat, learner.TargetTypes.ToList(), readOnly);
        }

        private static FieldShape BuildProperty(ShapeLearner learner, bool readOnly) =>
            new FieldShape(
                learner.Name,
                learner.Kind,
                learner.IsList,
                learner.Properties.Select(p => BuildProperty(p, readOnly)).ToList(),
                learner.TextFormat,
                null,
                readOnly);

        private bool IsReadOnlyField(ShapeLearner field)
        {
            var name = field.Name;
            if (ReadOnlyNames.Contains(name) || ReadOnlyPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                return true;
            }

            return field.Kind == FieldKind.Reference && (IsBundleName(name) || field.TargetTypes.Any(IsBundleType));
        }

        /// <summary>Computed properties (body.processed, path.pid), and a node's comment statistics, all but the comment status.</summary>
        private static bool IsReadOnlyPropertyName(string property, IReadOnlyList<string> siblings) =>
            property == ProcessedProperty
            || property == PathIdProperty
            || (property != CommentStatusProperty && (siblings.Contains("comment_count") || siblings.Contains("last_comment_timestamp")));

        /// <summary>The bundle relationship by name: JSON:API calls a bundle field named type "{entity type}_type" (node_type); terms and media keep vid and bundle.</summary>
        private bool IsBundleName(string name)
        {
            var separator = TypeName.IndexOf("--", StringComparison.Ordinal);
            var entityType = separator < 0 ? TypeName : TypeName.Substring(0, separator);
            return name == entityType + "_type"
                || (entityType == "taxonomy_term" && name == "vid")
                || (entityType == "media" && name == "bundle");
        }

        /// <summary>A config entity type that is a bundle: node_type--node_type, media_type--media_type, taxonomy_vocabulary--taxonomy_vocabulary.</summary>
        private static bool IsBundleType(string targetType)
        {
            var separator = targetType.IndexOf("--", StringComparison.Ordinal);
            if (separator < 0)
            {
                return false;
            }

            var entityType = targetType.Substring(0, separator);
            return entityType == "taxonomy_vocabulary"
                || (entityType.EndsWith("_type", StringComparison.Ordinal) && targetType.Substring(separator + 2) == entityType);
        }

        private IEnumerable<string> Writable()
        {
            foreach (var field in Fields.Where(f => !f.IsReadOnly))
            {
                yield return field.Name;
                foreach (var property in field.Properties.Where(p => !p.IsReadOnly))
                {
                    yield return Dotted(field, property);
                }
            }
        }
    }
}
