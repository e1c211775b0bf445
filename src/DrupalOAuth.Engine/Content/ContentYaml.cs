using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DrupalOAuth.Content
{
    /// <summary>
    /// Core's YAML for one entity, as Drupal's Symfony YAML dump writes it (block style, two-space indent, list items as
    /// "-" on a line of their own, single quotes only where needed), and read from any YAML core's importer reads.
    /// </summary>
    public static class ContentYaml
    {
        private const int Indentation = 2;

        /// <summary>Parses one entity file; a file that is no default-content entity is a DrupalException (ErrorId InvalidContentFile) naming the file and the line.</summary>
        public static ContentEntity Read(TextReader reader, string path)
        {
            var lines = new ContentLines();
            object? root;
            try
            {
                var parser = new Parser(reader);
                parser.Consume<StreamStart>();
                if (!parser.TryConsume<DocumentStart>(out _))
                {
                    throw ContentFileErrors.Invalid(path, 1, "the file is empty");
                }

                root = ReadNode(parser, lines, path);
                parser.Consume<DocumentEnd>();
                if (!parser.Accept<StreamEnd>(out _))
                {
                    throw ContentFileErrors.Invalid(path, parser.Current?.Start.Line, "it holds more than one YAML document");
                }
            }
            catch (DecoderFallbackException e)
            {
                throw ContentFileErrors.Invalid(path, null, "it is not UTF-8 text", e);
            }
            catch (YamlException e)
            {
                throw ContentFileErrors.Invalid(path, e.Start.Line, "the YAML does not parse: " + (e.InnerException?.Message ?? e.Message), e);
            }

            return ContentDocument.ToEntity(root, path, lines);
        }

        /// <summary>The file's text: the same entity always gives the same bytes (UTF-8, "\n" line ends, ending with one).</summary>
        /// <remarks>
        /// Exactly Symfony's <c>Dumper::dump($data, PHP_INT_MAX, 0, DUMP_EXCEPTION_ON_INVALID_TYPE | DUMP_MULTI_LINE_LITERAL_BLOCK)</c>
        /// with an indentation of 2, as <c>Drupal\Component\Serialization\Yaml::encode</c> calls it; like it, a file
        /// whose very last value is a multi-line string without a final line break ends without one ("|-").
        /// </remarks>
        public static string Write(ContentEntity entity)
        {
            var output = new StringBuilder();
            DumpBlock(output, ToDocument(entity), 0);
            return output.ToString();
        }

        /// <summary>The entity as core's exporter arranges it: _meta, default, and translations when there are some.</summary>
        internal static ContentMap ToDocument(ContentEntity entity)
        {
            var meta = new ContentMap
            {
                ["version"] = ContentEntity.FormatVersion,
                ["entity_type"] = entity.EntityType,
                ["uuid"] = entity.Uuid,
            };
            if (entity.Bundle != null)
            {
                meta["bundle"] = entity.Bundle;
            }

            if (entity.DefaultLangcode != null)
            {
                meta["default_langcode"] = entity.DefaultLangcode;
            }

            if (entity.Depends.Count > 0)
            {
                meta["depends"] = entity.Depends;
            }

            var document = new ContentMap { ["_meta"] = meta, ["default"] = entity.Fields };
            if (entity.Translations.Count > 0)
            {
                var translations = new ContentMap();
                foreach (var translation in entity.Translations)
                {
                    translations[translation.Key] = translation.Value;
                }

                document["translations"] = translations;
            }

            return document;
        }

        private static void DumpBlock(StringBuilder output, object container, int indent)
        {
            var prefix = new string(' ', indent);
            foreach (var (key, value) in Entries(container))
            {
                if (output.Length > 0 && output[output.Length - 1] != '\n')
                {
                    output.Append('\n');
                }

                var head = key == null ? "-" : ContentYamlScalar.DumpKey(key) + ":";
                if (value is string text && text.IndexOf('\n') >= 0 && text.IndexOf('\r') < 0 && ContentYamlScalar.IsPrintable(text))
                {
                    DumpLiteral(output, prefix, head, text);
                    continue;
                }

                if (IsBlock(value))
                {
                    output.Append(prefix).Append(head).Append('\n');
                    DumpBlock(output, value!, indent + Indentation);
                }
                else
                {
                    output.Append(prefix).Append(head).Append(' ').Append(DumpInline(value)).Append('\n');
                }
            }
        }

        // Symfony's DUMP_MULTI_LINE_LITERAL_BLOCK: "|" with an indentation indicator when the first line with text
        // begins with a space, and a chomping indicator that keeps the string's final line breaks exactly.
        private static void DumpLiteral(StringBuilder output, string prefix, string head, string text)
        {
            var indicator = string.Empty;
            foreach (var line in text.Split('\n'))
            {
                if (line.Trim(' ').Length > 0)
                {
                    indicator = line[0] == ' ' ? Indentation.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
                    break;
                }
            }

            var chomping = text.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : text.EndsWith("\n", StringComparison.Ordinal) ? string.Empty : "-";
            output.Append(prefix).Append(head).Append(" |").Append(indicator).Append(chomping);
            foreach (var row in text.Split('\n'))
            {
                output.Append('\n');
                if (row.Length > 0)
                {
                    output.Append(prefix).Append(' ', Indentation).Append(row);
                }
            }
        }

        private static bool IsBlock(object? value) =>
            (value is ContentMap map && map.Count > 0) || (value is IList list && !(value is string) && list.Count > 0);

        private static string DumpInline(object? value)
        {
            switch (value)
            {
                case ContentMap map when map.Count == 0:
                case IList list when list.Count == 0:
                    // PHP has one empty array, and Symfony writes it as an empty mapping.
                    return "{  }";
                case ContentMap _:
                case IList _:
                    throw new InvalidOperationException("A non-empty collection is written as a block.");
                default:
                    return ContentYamlScalar.Dump(value);
            }
        }

        private static IEnumerable<(string? Key, object? Value)> Entries(object container)
        {
            if (container is ContentMap map)
            {
                foreach (var entry in map)
                {
                    yield return (entry.Key, entry.Value);
                }
            }
            else
            {
                foreach (var item in (IList)container)
                {
                    yield return (null, item);
                }
            }
        }

        private static object? ReadNode(IParser parser, ContentLines lines, string path)
        {
            var start = parser.Current!.Start.Line;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                return ReadScalar(scalar, path);
            }

            if (parser.TryConsume<SequenceStart>(out _))
            {
                var list = new List<object?>();
                lines.Start(list, start);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    list.Add(ReadNode(parser, lines, path));
                }

                return list;
            }

            if (parser.TryConsume<MappingStart>(out _))
            {
                var map = new ContentMap();
                lines.Start(map, start);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyLine = parser.Current!.Start.Line;

                    // A key is a name as written: a UUID such as 1234e567-... is no number here.
                    if (!parser.TryConsume<Scalar>(out var key))
                    {
                        throw ContentFileErrors.Invalid(path, keyLine, "a mapping key is not a scalar");
                    }

                    var name = key.Value;
                    if (map.ContainsKey(name))
                    {
                        throw ContentFileErrors.Invalid(path, keyLine, $"the key '{name}' appears twice in one mapping");
                    }

                    lines.Key(map, name, keyLine);
                    map[name] = ReadNode(parser, lines, path);
                }

                return map;
            }

            throw ContentFileErrors.Invalid(path, start, "anchors, aliases and other YAML this format does not use are not read");
        }

        private static object? ReadScalar(Scalar scalar, string path)
        {
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            switch (tag)
            {
                case null:
                    return scalar.Style == ScalarStyle.Plain ? ContentYamlScalar.Resolve(scalar.Value) : scalar.Value;
                case "!":
                case "tag:yaml.org,2002:str":
                    return scalar.Value;
                case "tag:yaml.org,2002:binary":
                    try
                    {
                        return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(scalar.Value));
                    }
                    catch (Exception e) when (e is FormatException || e is ArgumentException)
                    {
                        throw ContentFileErrors.Invalid(path, scalar.Start.Line, "a !!binary value is not base64 of UTF-8 text", e);
                    }

                case "tag:yaml.org,2002:float":
                    return ContentYamlScalar.Resolve(scalar.Value) is var number && (number is long || number is double)
                        ? Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture)
                        : throw ContentFileErrors.Invalid(path, scalar.Start.Line, $"'{scalar.Value}' is tagged !!float but is no number");
                default:
                    throw ContentFileErrors.Invalid(path, scalar.Start.Line, $"the tag '{tag}' is not one core's default content uses");
            }
        }
    }
}
