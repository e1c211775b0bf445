using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// What the values of one field (or one property of an object field) seen so far say about its shape, merged value
    /// by value: an integer field with a fraction somewhere is a number, a date field with a value that is no date is
    /// text, an object's properties are learned the same way across resources. Mutable; <see cref="BundleFields"/>
    /// turns it into a <see cref="FieldShape"/>.
    /// </summary>
    internal sealed class ShapeLearner
    {
        private const string FormatProperty = "format";

        private static readonly Regex DateOnly = new Regex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant);
        private static readonly Regex DateTimeText = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(?<offset>Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant);

        private readonly List<ShapeLearner> _properties = new List<ShapeLearner>();
        private readonly List<string> _targetTypes = new List<string>();

        public ShapeLearner(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public FieldKind Kind { get; private set; }

        public bool IsList { get; private set; }

        public string? TextFormat { get; private set; }

        public IReadOnlyList<ShapeLearner> Properties => _properties;

        public IReadOnlyList<string> TargetTypes => _targetTypes;

        /// <summary>A learner that starts from what is already known.</summary>
        public static ShapeLearner From(FieldShape shape)
        {
            var learner = new ShapeLearner(shape.Name) { Kind = shape.Kind, IsList = shape.IsList, TextFormat = shape.TextFormat };
            learner._properties.AddRange(shape.Properties.Select(From));
            learner._targetTypes.AddRange(shape.TargetTypes);
            return learner;
        }

        /// <summary>An attribute's value, or an object property's.</summary>
        public void ObserveValue(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                IsList = true;
                foreach (var item in value.EnumerateArray())
                {
                    ObserveItem(item);
                }
            }
            else
            {
                ObserveItem(value);
            }
        }

        /// <summary>A relationship: <c>{ data: identifier | [identifiers] | null, links... }</c>.</summary>
        public void ObserveRelationship(JsonElement relationship)
        {
            Kind = FieldKind.Reference;
            if (relationship.ValueKind != JsonValueKind.Object || !relationship.TryGetProperty("data", out var data))
            {
                return;
            }

            if (data.ValueKind == JsonValueKind.Array)
            {
                IsList = true;
                foreach (var identifier in data.EnumerateArray())
                {
                    ObserveTarget(identifier);
                }
            }
            else
            {
                ObserveTarget(data);
            }
        }

        public void SetTargets(IReadOnlyList<string> targetTypes)
        {
            Kind = FieldKind.Reference;
            _targetTypes.Clear();
            _targetTypes.AddRange(targetTypes.Distinct(StringComparer.Ordinal));
        }

        public ShapeLearner? Property(string name) => _properties.FirstOrDefault(p => p.Name == name);

        /// <summary>The kind both kinds allow: Integer and Number make Number; Date and Timestamp make Date; any other mix is text.</summary>
        internal static FieldKind Merge(FieldKind known, FieldKind seen)
        {
            if (known == seen || seen == FieldKind.Unknown)
            {
                return known;
            }

            if (known == FieldKind.Unknown)
            {
                return seen;
            }

            if (IsOneOf(known, seen, FieldKind.Integer, FieldKind.Number))
            {
                return FieldKind.Number;
            }

            return IsOneOf(known, seen, FieldKind.Date, FieldKind.Timestamp) ? FieldKind.Date : FieldKind.Text;
        }

        /// <summary>The kind of one JSON value (not an array): Unknown for null.</summary>
        internal static FieldKind KindOf(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return FieldKind.Boolean;
                case JsonValueKind.Number:
                    return value.TryGetInt64(out _) || value.GetRawText().IndexOfAny(new[] { '.', 'e', 'E' }) < 0 ? FieldKind.Integer : FieldKind.Number;
                case JsonValueKind.String:
                    return KindOf(value.GetString() ?? string.Empty);
                case JsonValueKind.Object:
                    return FieldKind.Object;
                case JsonValueKind.Array:
                    return FieldKind.Text;
                default:
                    return FieldKind.Unknown;
            }
        }

        private static FieldKind KindOf(string text)
        {
            if (DateOnly.IsMatch(text))
            {
                return FieldKind.Date;
            }

            var match = DateTimeText.Match(text);
            if (!match.Success)
            {
                return FieldKind.Text;
            }

            return match.Groups["offset"].Success ? FieldKind.Timestamp : FieldKind.Date;
        }

        private static bool IsOneOf(FieldKind a, FieldKind b, FieldKind first, FieldKind second) =>
            (a == first && b == second) || (a == second && b == first);

        private void ObserveItem(JsonElement item)
        {
            Kind = Merge(Kind, KindOf(item));
            if (item.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in item.EnumerateObject())
            {
                var learner = Property(property.Name);
                if (learner == null)
                {
                    learner = new ShapeLearner(property.Name);
                    _properties.Add(learner);
                }

                learner.ObserveValue(property.Value);
                if (property.Name == FormatProperty && TextFormat == null && property.Value.ValueKind == JsonValueKind.String)
                {
                    TextFormat = property.Value.GetString();
                }
            }
        }

        private void ObserveTarget(JsonElement identifier)
        {
            if (identifier.ValueKind == JsonValueKind.Object
                && identifier.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() is string name
                && name.Length > 0
                && !_targetTypes.Contains(name))
            {
                _targetTypes.Add(name);
            }
        }
    }
}
