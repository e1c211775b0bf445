using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using DrupalOAuth.Json;

namespace DrupalOAuth.Content
{
    /// <summary>The properties of a JSON object as the engine reads it (a PSCustomObject, or a dictionary under -AsHashtable), in document order.</summary>
    internal static class JsonMembers
    {
        public static IEnumerable<KeyValuePair<string, object?>> Of(object? value)
        {
            switch (PowerShellValue.Unwrap(value))
            {
                case PSObject custom:
                    foreach (var property in custom.Properties)
                    {
                        yield return new KeyValuePair<string, object?>(property.Name, property.Value);
                    }

                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
                    }

                    break;
            }
        }

        /// <summary>A JSON array's items; a single value as one item; null as none.</summary>
        public static IReadOnlyList<object?> Items(object? value)
        {
            value = PowerShellValue.Unwrap(value);
            switch (value)
            {
                case null:
                    return new object?[0];
                case object?[] array:
                    return array;
                case IList list when !(value is string):
                    var items = new List<object?>(list.Count);
                    foreach (var item in list)
                    {
                        items.Add(item);
                    }

                    return items;
                default:
                    return new[] { value };
            }
        }

        public static string? Text(object? value, string name) =>
            PowerShellValue.Member(value, name) is object member ? Convert.ToString(PowerShellValue.Unwrap(member), CultureInfo.InvariantCulture) : null;
    }
}
