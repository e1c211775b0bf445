using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using DrupalOAuth.Input;
using DrupalOAuth.Json;

namespace DrupalOAuth.JsonApi
{
    /// <summary>The JSON:API document of a create or an update: <c>{"data": {type, id, attributes, relationships}}</c>.</summary>
    internal static class ResourceWriter
    {
        /// <summary>-Attributes as JSON, or null when there are none; read before any request, as relationships are.</summary>
        public static byte[]? Attributes(IDictionary? attributes) =>
            attributes == null || attributes.Count == 0 ? null : JsonRequestWriter.ToUtf8(attributes, new InputWalk("-Attributes"), string.Empty);

        public static byte[] Document(string type, string? id, byte[]? attributes, IReadOnlyList<RelationshipValue> relationships)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WritePropertyName("data");
                writer.WriteStartObject();
                writer.WriteString("type", type);
                if (id != null)
                {
                    writer.WriteString("id", id);
                }

                if (attributes != null)
                {
                    writer.WritePropertyName("attributes");
                    writer.WriteRawValue(attributes, skipInputValidation: true);
                }

                if (relationships.Count > 0)
                {
                    writer.WritePropertyName("relationships");
                    writer.WriteStartObject();
                    foreach (var relationship in relationships)
                    {
                        writer.WritePropertyName(relationship.Field);
                        writer.WriteStartObject();
                        writer.WritePropertyName("data");
                        if (relationship.IsList)
                        {
                            writer.WriteStartArray();
                            foreach (var identifier in relationship.Identifiers)
                            {
                                Write(writer, identifier);
                            }

                            writer.WriteEndArray();
                        }
                        else if (relationship.Identifiers.Count == 0)
                        {
                            writer.WriteNullValue();
                        }
                        else
                        {
                            Write(writer, relationship.Identifiers[0]);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static void Write(Utf8JsonWriter writer, RelationshipValue.Identifier identifier)
        {
            writer.WriteStartObject();
            writer.WriteString("type", identifier.Type);
            writer.WriteString("id", identifier.Id);
            if (identifier.Meta != null)
            {
                writer.WritePropertyName("meta");
                writer.WriteRawValue(identifier.Meta, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }
    }
}
