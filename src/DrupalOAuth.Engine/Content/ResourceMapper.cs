using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// JSON:API's shapes to core's field items and back, derived from core's JSON:API normalizers and its default-content
    /// Exporter: a single-property item is flattened to its value by JSON:API and becomes <c>{value: …}</c>; an object is a
    /// multi-property item with its computed properties (<c>processed</c>, <c>uri.url</c>, <c>path.pid</c>) left out; a
    /// relationship's identifiers become <c>entity: &lt;uuid&gt;</c> items keeping their <c>meta</c> (an image's alt,
    /// title, width, height). What core leaves out is left out: serial ids, revision ids, created/changed, langcode and
    /// bundle keys, computed fields, empty fields; references to users 0 and 1 stay <c>target_id</c>.
    /// </summary>
    public static class ResourceMapper
    {
        /// <summary>A raw JSON:API resource (type, id, attributes, relationships as read, not flattened) as a content entity; its Depends lists what it references.</summary>
        public static ContentEntity FromResource(PSObject resource) => throw new NotImplementedException();

        /// <summary>
        /// Adds the translation <paramref name="langcode"/> read through the language prefix: the fields whose items
        /// differ from the default translation's. Does nothing when the resource is not in that language (the site fell
        /// back to the default: no such translation).
        /// </summary>
        public static void AddTranslation(ContentEntity entity, string langcode, PSObject translatedResource) => throw new NotImplementedException();

        /// <summary>
        /// The fields <paramref name="fields"/> (the entity's Fields, a translation's, or a subset) as a write payload.
        /// <paramref name="isList"/> says whether the target takes a field as a list (true), one value (false) or is not
        /// known (null: one item is sent alone, several as a list).
        /// </summary>
        public static ResourcePayload ToPayload(ContentEntity entity, ContentMap fields, IReferenceResolver resolver, Func<string, bool?>? isList) => throw new NotImplementedException();

        /// <summary>The fields core never writes for this entity type (ids, revision keys, created/changed...), by JSON:API name.</summary>
        public static bool IsLeftOut(string entityType, string field) => throw new NotImplementedException();
    }
}
