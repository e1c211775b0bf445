using System;
using System.Collections.Generic;
using System.Linq;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// One entity in core's default-content format (<c>Drupal\Core\DefaultContent\Exporter</c>, 11.3+): its
    /// <c>_meta</c>, the default translation's fields (<c>default</c>) and the other translations' (<c>translations</c>).
    /// Each field is a list of items, each item a <see cref="ContentMap"/> of properties; a reference item carries
    /// <c>entity: &lt;uuid&gt;</c> (listed in <see cref="Depends"/>) or, for users 0 and 1 and config targets,
    /// <c>target_id</c>.
    /// </summary>
    public sealed class ContentEntity
    {
        public const string FormatVersion = "1.0";

        private static readonly string[] LabelFields = { "title", "name", "filename", "info", "label", "mail" };

        public ContentEntity(string entityType, string uuid, string? bundle, string? defaultLangcode)
        {
            EntityType = entityType ?? throw new ArgumentNullException(nameof(entityType));
            Uuid = uuid ?? throw new ArgumentNullException(nameof(uuid));
            Bundle = bundle;
            DefaultLangcode = defaultLangcode;
        }

        public string EntityType { get; }

        public string Uuid { get; }

        /// <summary>Null for entity types without bundles (user, file).</summary>
        public string? Bundle { get; }

        /// <summary>Null for entity types without a language.</summary>
        public string? DefaultLangcode { get; }

        /// <summary>UUID → entity type of everything the fields reference by <c>entity</c>, in the order first referenced.</summary>
        public ContentMap Depends { get; } = new ContentMap();

        /// <summary>The default translation's fields: name → <see cref="List{T}"/> of item <see cref="ContentMap"/>s.</summary>
        public ContentMap Fields { get; } = new ContentMap();

        /// <summary>Langcode → that translation's fields, in the same shape as <see cref="Fields"/>; ordinal order.</summary>
        public SortedDictionary<string, ContentMap> Translations { get; } = new SortedDictionary<string, ContentMap>(StringComparer.Ordinal);

        /// <summary>The YAML or JSON file it was read from; null when read from a site.</summary>
        public string? SourcePath { get; set; }

        /// <summary>A file entity read from a site: where its bytes are served (JSON:API's <c>uri.url</c>, made absolute). Never written to the folder.</summary>
        public Uri? FileUrl { get; set; }

        /// <summary>A file entity: SHA-256 of its bytes, lower-case hex, once they have been read (from the folder or the site); else null.</summary>
        public string? FileHash { get; set; }

        /// <summary>A file entity: its bytes are downloaded, hashed and compared beside its fields.</summary>
        public bool IsFile => EntityType == "file";

        /// <summary>The JSON:API resource type name, such as <c>node--article</c> or <c>user--user</c>.</summary>
        public string TypeName => EntityType + "--" + (Bundle ?? EntityType);

        /// <summary>The first of title, name, filename, info, label, mail that has a value.</summary>
        public string? Label =>
            LabelFields.Select(f => Items(Fields, f).FirstOrDefault()?["value"] as string).FirstOrDefault(v => v != null);

        /// <summary>A field's items (empty when the field is absent).</summary>
        public static IReadOnlyList<ContentMap> Items(ContentMap fields, string field) =>
            fields[field] is List<object?> items ? items.OfType<ContentMap>().ToList() : (IReadOnlyList<ContentMap>)Array.Empty<ContentMap>();

        public override string ToString() => $"{EntityType} {Uuid}";
    }
}
