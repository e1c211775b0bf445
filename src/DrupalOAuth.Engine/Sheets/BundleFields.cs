using System.Collections.Generic;
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
        public string TypeName => throw new System.NotImplementedException();

        /// <summary>The label field of the type: title, name, filename... (<see cref="LabelField.For"/>).</summary>
        public string LabelField => throw new System.NotImplementedException();

        /// <summary>Every attribute and relationship seen, read-only ones included, in the order Drupal writes them.</summary>
        public IReadOnlyList<FieldShape> Fields => throw new System.NotImplementedException();

        /// <summary>The names of the fields still <see cref="FieldKind.Unknown"/> (null wherever looked), or relationships whose target types are unknown.</summary>
        public IReadOnlyList<string> Unknown => throw new System.NotImplementedException();

        /// <summary>What <paramref name="resources"/> (JSON:API resource objects of <paramref name="typeName"/>) show.</summary>
        public static BundleFields Learn(string typeName, IEnumerable<JsonElement> resources) => throw new System.NotImplementedException();

        /// <summary>This knowledge and what <paramref name="resources"/> add (a field known stays as it is).</summary>
        public BundleFields With(IEnumerable<JsonElement> resources) => throw new System.NotImplementedException();

        /// <summary>A relationship given its target types by -ReferenceType.</summary>
        public BundleFields WithTargets(string field, IReadOnlyList<string> targetTypes) => throw new System.NotImplementedException();

        public FieldShape? Find(string name) => throw new System.NotImplementedException();

        /// <summary>Up to three field names nearest to <paramref name="name"/> (edit distance), for "no such field" errors.</summary>
        public IReadOnlyList<string> Nearest(string name) => throw new System.NotImplementedException();

        /// <summary>
        /// The columns of an export: id, the label, then the other fields in order, an object field as one dotted
        /// column per property; read-only fields and properties only with <paramref name="includeReadOnly"/>.
        /// </summary>
        public IReadOnlyList<SheetColumn> Columns(bool includeReadOnly) => throw new System.NotImplementedException();

        /// <summary>
        /// The column a header names: id, a field, or field.property. Null when it names nothing of the type;
        /// read-only ones are found (and then ignored by the import).
        /// </summary>
        public SheetColumn? Column(string header) => throw new System.NotImplementedException();
    }
}
