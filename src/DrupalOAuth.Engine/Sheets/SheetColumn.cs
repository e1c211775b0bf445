namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// One column of a sheet: <c>id</c>, a field (<c>title</c>, <c>field_tags</c>) or one property of an object field
    /// (<c>body.value</c>, <c>path.alias</c>), with the shapes that say how its cells convert.
    /// </summary>
    internal sealed class SheetColumn
    {
        public const string IdHeader = "id";

        public SheetColumn(string header, FieldShape? field, FieldShape? property)
        {
            Header = header;
            Field = field;
            Property = property;
        }

        public string Header { get; }

        /// <summary>The field; null for the id column.</summary>
        public FieldShape? Field { get; }

        /// <summary>For a dotted column, the property of <see cref="Field"/> it holds.</summary>
        public FieldShape? Property { get; }

        public bool IsId => Field == null;

        /// <summary>The shape a cell of the column converts by: the property's, else the field's.</summary>
        public FieldShape? Shape => Property ?? Field;
    }
}
