namespace DrupalOAuth.Content
{
    /// <summary>One field item of one entity that points at another entity by UUID.</summary>
    public sealed class ContentReference
    {
        public ContentReference(string fromUuid, string field, string toUuid, string? toEntityType)
        {
            FromUuid = fromUuid;
            Field = field;
            ToUuid = toUuid;
            ToEntityType = toEntityType;
        }

        public string FromUuid { get; }

        /// <summary>The field, such as <c>field_tags</c> (a translation's: <c>translations.es.field_tags</c>).</summary>
        public string Field { get; }

        public string ToUuid { get; }

        public string? ToEntityType { get; }

        public override string ToString() => $"{FromUuid} {Field} -> {ToEntityType} {ToUuid}";
    }
}
