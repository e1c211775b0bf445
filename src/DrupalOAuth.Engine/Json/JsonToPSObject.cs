using System.Management.Automation;
using System.Text.Json;

namespace DrupalOAuth.Json
{
    /// <summary>
    /// Turns JSON into what PowerShell users expect from ConvertFrom-Json: objects become PSCustomObjects, arrays
    /// object[], integers long (decimal beyond long), other numbers double, and null stays null.
    /// </summary>
    internal static class JsonToPSObject
    {
        public static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name.Length == 0)
                        {
                            // PowerShell has no property without a name (ConvertFrom-Json refuses it too).
                            continue;
                        }

                        var value = Convert(property.Value);
                        var existing = result.Properties[property.Name];
                        if (existing != null)
                        {
                            // JSON allows a repeated name and PowerShell names ignore case: the last one wins.
                            existing.Value = value;
                        }
                        else
                        {
                            result.Properties.Add(new PSNoteProperty(property.Name, value));
                        }
                    }

                    return result;
                case JsonValueKind.Array:
                    var items = new object?[element.GetArrayLength()];
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        items[i++] = Convert(item);
                    }

                    return items;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return ConvertNumber(element);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object ConvertNumber(JsonElement element)
        {
            if (element.TryGetInt64(out var integer))
            {
                return integer;
            }

            var text = element.GetRawText();
            var isInteger = text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
            if (isInteger && element.TryGetDecimal(out var big))
            {
                return big;
            }

            return element.GetDouble();
        }
    }
}
