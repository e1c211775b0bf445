using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One field of a bundle, or one property of an object field: its name, its kind, whether it holds a list, and
    /// what is needed to write it (the text format the site's own entities use; the resource types a relationship
    /// points at). Immutable.
    /// </summary>
    internal sealed class FieldShape
    {
        public FieldShape(string name, FieldKind kind, bool isList = false, IReadOnlyList<FieldShape>? properties = null, string? textFormat = null, IReadOnlyList<string>? targetTypes = null, bool isReadOnly = false)
        {
            Name = name;
            Kind = kind;
            IsList = isList;
            Properties = properties ?? new FieldShape[0];
            TextFormat = textFormat;
            TargetTypes = targetTypes ?? new string[0];
            IsReadOnly = isReadOnly;
        }

        public string Name { get; }

        public FieldKind Kind { get; }

        /// <summary>A multi-value field (a JSON array), or a multi-value relationship.</summary>
        public bool IsList { get; }

        /// <summary>For <see cref="FieldKind.Object"/>: its properties, in the order the site writes them.</summary>
        public IReadOnlyList<FieldShape> Properties { get; }

        /// <summary>For formatted text: the format the site's own entities use (basic_html), given to a plain string.</summary>
        public string? TextFormat { get; }

        /// <summary>For <see cref="FieldKind.Reference"/>: the resource types seen in it (taxonomy_term--tags), or given by -ReferenceType.</summary>
        public IReadOnlyList<string> TargetTypes { get; }

        /// <summary>Computed or kept by Drupal (drupal_internal__*, revision_*, changed, processed, path.pid, the bundle...): left out of exports, ignored by imports.</summary>
        public bool IsReadOnly { get; }

        /// <summary>An object with value and format: a plain string given for it becomes { value, format = <see cref="TextFormat"/> }.</summary>
        public bool IsFormattedText => Kind == FieldKind.Object && HasProperty("value") && HasProperty("format");

        /// <summary>The property of that name, or null.</summary>
        public FieldShape? Property(string name)
        {
            foreach (var property in Properties)
            {
                if (property.Name == name)
                {
                    return property;
                }
            }

            return null;
        }

        private bool HasProperty(string name) => Property(name) != null;
    }
}
