namespace DrupalOAuth.Sheets
{
    /// <summary>The JSON type a field (or a property of an object field) takes, as learned from the site's own data.</summary>
    internal enum FieldKind
    {
        /// <summary>Null on every entity looked at: its value goes as the cell's text.</summary>
        Unknown,
        Boolean,
        Integer,
        /// <summary>A JSON number with a fraction somewhere (a float field).</summary>
        Number,
        Text,
        /// <summary>A date and time with an offset (created, a timestamp field): ISO 8601.</summary>
        Timestamp,
        /// <summary>A date without a time ("2024-01-02", a date-only datetime field), or a date-time without offset.</summary>
        Date,
        /// <summary>A JSON object: formatted text (value, format, summary), path, link...; its properties are shapes of their own.</summary>
        Object,
        /// <summary>A relationship: resource identifiers.</summary>
        Reference,
    }
}
