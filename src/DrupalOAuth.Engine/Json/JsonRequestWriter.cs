using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Writes what a PowerShell user passes (hashtables, arrays, PSCustomObjects, numbers, strings, dates) as JSON,
    /// the way ConvertTo-Json would, for GraphQL variables and request bodies.
    /// </summary>
    internal static class JsonRequestWriter
    {
        private const int MaximumDepth = 64;

        public static void WriteValue(Utf8JsonWriter writer, object? value, int depth = 0)
        {
            if (depth > MaximumDepth)
            {
                throw new DrupalException(
                    "InvalidVariables",
                    DrupalErrorCategory.InvalidArgument,
                    $"The value is nested more than {MaximumDepth} levels deep, or refers to itself; pass plain data.");
            }

            if (value is PSObject psObject)
            {
                if (psObject.BaseObject is PSCustomObject)
                {
                    writer.WriteStartObject();
                    foreach (var property in psObject.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, property.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                }

                value = psObject.BaseObject;
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
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        WriteValue(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    foreach (var item in sequence)
                    {
                        WriteValue(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    // Any other object by its text, as GraphQL scalars (IDs, dates, custom scalars) expect.
                    writer.WriteStringValue(value.ToString());
                    break;
            }
        }
    }
}
