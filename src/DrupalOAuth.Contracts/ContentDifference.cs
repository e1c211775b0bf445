namespace DrupalOAuth
{
    /// <summary>
    /// One difference Compare-DrupalContent found, in the spirit of Compare-Object: an entity only in the reference
    /// (<c>&lt;=</c>), only in the difference (<c>=&gt;</c>), one field of an entity in both that differs (<c>&lt;&gt;</c>),
    /// or with -IncludeEqual an entity that is the same on both sides (<c>==</c>).
    /// </summary>
    public sealed class ContentDifference
    {
        public const string OnlyInReference = "<=";
        public const string OnlyInDifference = "=>";
        public const string Different = "<>";
        public const string Equal = "==";

        public ContentDifference(string uuid, string entityType, string? bundle, string? label, string sideIndicator, string? field, string? referenceValue, string? differenceValue)
        {
            Uuid = uuid;
            EntityType = entityType;
            Bundle = bundle;
            Label = label;
            SideIndicator = sideIndicator;
            Field = field;
            ReferenceValue = referenceValue;
            DifferenceValue = differenceValue;
        }

        public string Uuid { get; }

        public string EntityType { get; }

        public string? Bundle { get; }

        public string? Label { get; }

        public string SideIndicator { get; }

        /// <summary>
        /// For <c>&lt;&gt;</c>: the field, such as <c>title</c>, or <c>translations.es.title</c> for a translation's;
        /// null for the other indicators.
        /// </summary>
        public string? Field { get; }

        /// <summary>The field's items as compact text (YAML flow style); null where that side has none.</summary>
        public string? ReferenceValue { get; }

        public string? DifferenceValue { get; }

        public override string ToString() => $"{SideIndicator} {EntityType} {Uuid}{(Field == null ? string.Empty : " " + Field)}";
    }
}
