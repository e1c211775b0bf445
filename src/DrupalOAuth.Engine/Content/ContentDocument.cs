using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// A parsed file's tree (ContentMap, List, scalars), checked for the shape core's importer needs and made a
    /// ContentEntity: the YAML and the JSON reader share it, so that both refuse the same files with the same words.
    /// </summary>
    internal static class ContentDocument
    {
        private static readonly Regex Uuid = new Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);

        public static bool IsUuid(string? value) => value != null && Uuid.IsMatch(value);

        /// <param name="lines">Where each map, list and key began; null when the format does not tell (JSON).</param>
        public static ContentEntity ToEntity(object? root, string path, ContentLines? lines)
        {
            if (!(root is ContentMap document))
            {
                throw ContentFileErrors.Invalid(path, lines?.Of(root), "it holds no mapping with _meta and default");
            }

            if (!(document["_meta"] is ContentMap meta))
            {
                throw ContentFileErrors.Invalid(path, lines?.Of(document, "_meta"), "_meta is missing or not a mapping");
            }

            var entityType = meta["entity_type"] as string;
            if (string.IsNullOrEmpty(entityType))
            {
                throw ContentFileErrors.Invalid(path, MetaLine(document, meta, "entity_type", lines), "_meta.entity_type is missing or not a string");
            }

            var uuid = meta["uuid"] as string;
            if (!IsUuid(uuid))
            {
                throw ContentFileErrors.Invalid(path, MetaLine(document, meta, "uuid", lines), "_meta.uuid is missing or not a UUID");
            }

            var entity = new ContentEntity(
                entityType!,
                uuid!,
                OptionalString(meta, "bundle", path, lines),
                OptionalString(meta, "default_langcode", path, lines));
            if (meta.TryGetValue("depends", out var depends) && depends != null)
            {
                if (!(depends is ContentMap dependencies))
                {
                    throw ContentFileErrors.Invalid(path, lines?.Of(meta, "depends"), "_meta.depends is not a mapping of UUID to entity type");
                }

                foreach (var dependency in dependencies)
                {
                    if (!IsUuid(dependency.Key) || !(dependency.Value is string type) || type.Length == 0)
                    {
                        throw ContentFileErrors.Invalid(path, lines?.Of(dependencies, dependency.Key), $"_meta.depends has '{dependency.Key}', which is not a UUID mapped to an entity type");
                    }

                    entity.Depends[dependency.Key] = type;
                }
            }

            if (!document.TryGetValue("default", out var fields) || !(fields is ContentMap))
            {
                throw ContentFileErrors.Invalid(path, lines?.Of(document, "default"), "default is missing or not a mapping of field names to lists of items");
            }

            CopyFields((ContentMap)fields!, entity.Fields, "default", path, lines);
            if (document.TryGetValue("translations", out var translations) && translations != null)
            {
                if (!(translations is ContentMap languages))
                {
                    throw ContentFileErrors.Invalid(path, lines?.Of(document, "translations"), "translations is not a mapping of langcodes to fields");
                }

                foreach (var language in languages)
                {
                    if (!(language.Value is ContentMap translated))
                    {
                        throw ContentFileErrors.Invalid(path, lines?.Of(languages, language.Key), $"translations.{language.Key} is not a mapping of field names to lists of items");
                    }

                    var target = new ContentMap();
                    CopyFields(translated, target, "translations." + language.Key, path, lines);
                    entity.Translations[language.Key] = target;
                }
            }

            return entity;
        }

        // A key that is there has a line; a missing one is told at the _meta that lacks it.
        private static long? MetaLine(ContentMap document, ContentMap meta, string key, ContentLines? lines) =>
            meta.ContainsKey(key) ? lines?.Of(meta, key) : lines?.Of(document, "_meta");

        private static string? OptionalString(ContentMap meta, string key, string path, ContentLines? lines)
        {
            var value = meta[key];
            if (value == null || value is string)
            {
                return (string?)value;
            }

            throw ContentFileErrors.Invalid(path, lines?.Of(meta, key), $"_meta.{key} is not a string");
        }

        private static void CopyFields(ContentMap source, ContentMap target, string where, string path, ContentLines? lines)
        {
            foreach (var field in source)
            {
                // PHP has one empty array: Symfony writes an empty list as "{  }".
                if (field.Value is ContentMap empty && empty.Count == 0)
                {
                    target[field.Key] = new List<object?>();
                    continue;
                }

                if (!(field.Value is List<object?> items))
                {
                    throw ContentFileErrors.Invalid(path, lines?.Of(source, field.Key), $"{where}.{field.Key} is not a list of field items");
                }

                foreach (var item in items)
                {
                    if (!(item is ContentMap))
                    {
                        throw ContentFileErrors.Invalid(path, lines?.Of(items) ?? lines?.Of(source, field.Key), $"{where}.{field.Key} has an item that is not a mapping of properties");
                    }
                }

                target[field.Key] = items;
            }
        }
    }
}
