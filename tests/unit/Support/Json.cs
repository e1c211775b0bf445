using System.Text;
using System.Text.Json;
using DrupalOAuth.Json;

namespace DrupalOAuth.Tests.Support;

public static class Json
{
    /// <summary>JSON text to PowerShell objects, as the engine converts responses.</summary>
    public static object? ToPSObject(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonToPSObject.Convert(document.RootElement);
    }

    /// <summary>A value written the way GraphQL variables are.</summary>
    public static string Write(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonRequestWriter.WriteValue(writer, value, "-Variables");
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
