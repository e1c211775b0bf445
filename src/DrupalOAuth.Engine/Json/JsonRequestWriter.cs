using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using DrupalOAuth.Input;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Writes what a PowerShell user passes (hashtables, arrays, PSCustomObjects, numbers, strings, dates) as JSON,
    /// the way ConvertTo-Json would, for GraphQL variables and request bodies.
    /// </summary>
    internal static class JsonRequestWriter
    {
        /// <summary>Writes what the user passed as <paramref name="parameter"/> (such as -Variables), for messages.</summary>
        public static void WriteValue(Utf8JsonWriter writer, object? value, string parameter) =>
            WriteValue(writer, value, new InputWalk(parameter), string.Empty);

        /// <summary>
        /// A value as UTF-8 JSON, written as soon as it is read, so that what cannot be sent is refused before any
        /// request goes out (such as the JSON:API index read that resolves the resource type).
        /// </summary>
        public static byte[] ToUtf8(object? value, InputWalk walk, string name)
        {
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteValue(writer, value, walk, name);
            }

            return buffer.ToArray();
        }

        /// <summary>Writes a part of a value whose walk has begun, such as one attribute of -Attributes.</summary>
        public static void WriteValue(Utf8JsonWriter writer, object? given, InputWalk walk, string name)
        {
            var value = walk.Read(given, name);
            if (value is PSObject custom)
            {
                using (walk.Enter(custom, name))
                {
                    writer.WriteStartObject();
                    foreach (var property in custom.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, property.Value, walk, property.Name);
                    }

                    writer.WriteEndObject();
                }

                return;
            }

            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case char character:
                    writer.WriteStringValue(character.ToString());
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case SwitchParameter flag:
                    writer.WriteBooleanValue(flag.IsPresent);
                    break;
                case Enum enumValue:
                    writer.WriteStringValue(enumValue.ToString());
                    break;
                case int or long or short or byte or sbyte or ushort or uint:
                    writer.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ulong unsigned:
                    writer.WriteNumberValue(unsigned);
                    break;
                case decimal number:
                    writer.WriteNumberValue(number);
                    break;
                case double or float:
                    var real = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(real) || double.IsInfinity(real))
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteNumberValue(real);
                    }

                    break;
                case DateTime date:
                    writer.WriteStringValue(date.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset date:
                    writer.WriteStringValue(date.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case IDictionary dictionary:
                    using (walk.Enter(dictionary, name))
                    {
                        writer.WriteStartObject();
                        foreach (DictionaryEntry entry in dictionary)
                        {
                            var key = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                            writer.WritePropertyName(key);
                            WriteValue(writer, entry.Value, walk, key);
                        }

                        writer.WriteEndObject();
                    }

                    break;
                case IEnumerable sequence:
                    using (walk.Enter(sequence, name))
                    {
                        writer.WriteStartArray();
                        var index = 0;
                        foreach (var item in sequence)
                        {
                            WriteValue(writer, item, walk, InputWalk.ItemName(index++));
                        }

                        writer.WriteEndArray();
                    }

                    break;
                default:
                    // Any other object by its text, as GraphQL scalars (IDs, dates, custom scalars) expect.
                    writer.WriteStringValue(System.Convert.ToString(walk.Single(value, name), CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
