using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// A write's field values as Drupal takes them: JSON:API's field normalizers (a single-property field takes its value
/// or <c>{"value": …}</c>, a multi-value field an array or one item), then PrimitiveTypeConstraintValidator's checks
/// per data type, gathered as violations. Timestamps are read by TimestampNormalizer, whose refusal is no violation
/// but a 422 of its own, without a pointer. An empty value (null, and "" for text and numbers) leaves the item empty.
/// </summary>
public static partial class FieldInput
{
    public static bool? Boolean(string field, JsonNode? value, WriteViolations violations, int delta = 0)
    {
        value = MainProperty(value);
        switch (value?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            // Strictly the integers 0 and 1 ($value === 0): PHP decodes 1.0 as a float, which is refused.
            case JsonValueKind.Number when value.ToJsonString() is "0" or "1":
                return value.ToJsonString() == "1";
            case JsonValueKind.String when value.GetValue<string>() is "0" or "1":
                return value.GetValue<string>() == "1";
        }
        violations.PrimitiveType(field, delta);
        return null;
    }

    /// <summary>PHP's FILTER_VALIDATE_INT: an integer, or a text of one (no fraction, no leading zero); a whole float passes.</summary>
    public static long? Integer(string field, JsonNode? value, WriteViolations violations, int delta = 0)
    {
        value = MainProperty(value);
        switch (value?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String when value.GetValue<string>() is var text:
                if (text.Length == 0)
                    return null;
                if (IntegerText().IsMatch(text) && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                    return parsed;
                break;
            case JsonValueKind.Number when value.GetValue<double>() is var number && number == Math.Floor(number) && Math.Abs(number) < 9e18:
                return (long)number;
            case JsonValueKind.True:
                return 1;
        }
        violations.PrimitiveType(field, delta);
        return null;
    }

    /// <summary>PHP's FILTER_VALIDATE_FLOAT: a number, or a text of one.</summary>
    public static double? Float(string field, JsonNode? value, WriteViolations violations, int delta = 0)
    {
        value = MainProperty(value);
        switch (value?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return value.GetValue<double>();
            case JsonValueKind.String when value.GetValue<string>() is var text:
                if (text.Length == 0)
                    return null;
                if (FloatText().IsMatch(text) && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    return parsed;
                break;
            case JsonValueKind.True:
                return 1;
        }
        violations.PrimitiveType(field, delta);
        return null;
    }

    /// <summary>StringData takes any scalar, as PHP turns it into text (true is "1", false ""); an array or object is refused.</summary>
    public static string? Text(string field, JsonNode? value, WriteViolations violations, int delta = 0)
    {
        value = MainProperty(value);
        var text = value?.GetValueKind() switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "",
            _ => Refused(),
        };
        return text is { Length: > 0 } ? text : null;

        string? Refused()
        {
            violations.PrimitiveType(field, delta);
            return null;
        }
    }

    /// <summary>A multi-value text field: an array of items, or one item alone; empty items are dropped, as Drupal filters them.</summary>
    public static IReadOnlyList<string> Texts(string field, JsonNode? value, WriteViolations violations)
    {
        JsonNode?[] items = value switch
        {
            null => [],
            JsonArray array => [.. array],
            _ => [value],
        };
        return items.Select((item, delta) => Text(field, item, violations, delta)).OfType<string>().ToArray();
    }

    /// <exception cref="JsonApiException">422 for a text in none of TimestampNormalizer's formats.</exception>
    public static long? Timestamp(JsonNode? value)
    {
        value = MainProperty(value);
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
            return null;
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (UnixTime().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            return seconds;
        if (IsoTime().Match(text) is { Success: true } iso
            && DateTimeOffset.TryParseExact($"{iso.Groups["time"].Value}{Offset(iso.Groups["offset"].Value)}", "yyyy-MM-dd'T'HH:mm:sszzz",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time.ToUnixTimeSeconds();
        throw new JsonApiException(StatusCodes.Status422UnprocessableEntity,
            $"The specified date \"{text}\" is not in an accepted format: \"U\" (UNIX timestamp), \"Y-m-d\\TH:i:sO\" (ISO 8601), \"Y-m-d\\TH:i:sP\" (RFC 3339).");
    }

    /// <summary>
    /// A text field with a format: <c>{"value","format","summary"}</c> (properties left out are null), or a plain
    /// string, which is its value with no format at all. The format must be one of the site's.
    /// </summary>
    public static FormattedText? Formatted(string field, JsonNode? value, WriteViolations violations)
    {
        if (value is not JsonObject item)
            return Text(field, value, violations) is { } plain ? new FormattedText(plain, null, null) : null;
        var text = Text(field, item["value"], violations);
        var format = Text(field, item["format"], violations);
        if (format is not null && !TextFormats.All.Contains(format))
            violations.Add(field, $"{field}.0.format: The value you selected is not a valid choice.");
        return text is null ? null : new FormattedText(text, format, Text(field, item["summary"], violations));
    }

    /// <summary>The path field's alias, from <c>{"alias","langcode"}</c> or the alias alone; <c>pid</c> is the site's to set.</summary>
    public static string? Alias(string field, JsonNode? value, WriteViolations violations) =>
        Text(field, value is JsonObject path ? path["alias"] : value, violations);

    /// <summary>JsonApiDocumentTopLevelNormalizer: ids and types first, then each target loaded, a missing one a 404.</summary>
    public static IReadOnlyList<object> Targets(RelationshipField field, JsonNode? relationship, ContentSnapshot snapshot)
    {
        JsonNode?[] items = relationship?["data"] switch
        {
            null => [],
            JsonArray array => [.. array],
            JsonObject one => [one],
            _ => throw JsonApiException.BadRequest("No ID specified for related resource"),
        };
        var targets = new List<object>();
        foreach (var (item, delta) in items.Select((item, delta) => (item, delta)))
        {
            var id = item?["id"]?.GetValueKind() == JsonValueKind.String ? item["id"]!.GetValue<string>() : null;
            if (string.IsNullOrEmpty(id))
                throw JsonApiException.BadRequest("No ID specified for related resource");
            var typeName = item!["type"]?.GetValueKind() == JsonValueKind.String ? item["type"]!.GetValue<string>() : null;
            if (string.IsNullOrEmpty(typeName))
                throw JsonApiException.BadRequest("No type specified for related resource");
            if (ResourceTypes.Find(typeName) is not { } targetType)
                throw JsonApiException.BadRequest($"Invalid type specified for related resource: '{typeName}'");
            // A term's root parent, as read: no item.
            if (id == RelatedItem.VirtualId)
                continue;
            var target = targetType.Find(snapshot, id)
                ?? throw new JsonApiException(StatusCodes.Status404NotFound,
                    $"The resource identified by `{typeName}:{id}` (given as a relationship item) could not be found.");
            if (targetType.TypeName != field.TargetTypeName)
            {
                throw new JsonApiException(StatusCodes.Status422UnprocessableEntity,
                    $"{field.PublicName}.{delta}.target_id: This entity ({targetType.EntityTypeId}: {targetType.UuidOf(target)}) cannot be referenced.")
                    { Pointer = $"/data/relationships/{field.PublicName}" };
            }
            targets.Add(target);
        }
        return targets;
    }

    /// <summary>
    /// An image item's properties from the relationship item's meta, which Drupal merges into the field item
    /// (JsonApiDocumentTopLevelNormalizer; <c>drupal_internal__</c> keys dropped, others unknown to the item ignored).
    /// </summary>
    public static ImageMeta ImageItem(string field, JsonNode? relationship, WriteViolations violations)
    {
        var item = relationship?["data"] switch
        {
            JsonArray array => array.FirstOrDefault(),
            var one => one,
        };
        if (item?["meta"] is not JsonObject meta)
            return ImageMeta.None;
        // An empty alt is kept as such: it says the image is decorative.
        string? Kept(JsonNode? text) => text?.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : Text(field, text, violations);
        return new ImageMeta(
            Kept(meta["alt"]),
            Kept(meta["title"]),
            Integer(field, meta["width"], violations),
            Integer(field, meta["height"], violations));
    }

    /// <summary>A single-property item may come as an object of its properties.</summary>
    private static JsonNode? MainProperty(JsonNode? value) => value is JsonObject item ? item["value"] : value;

    /// <summary>PHP's date formats O and P take <c>+0000</c>, <c>+00:00</c> and <c>Z</c>.</summary>
    private static string Offset(string offset) => offset switch
    {
        "Z" => "+00:00",
        { Length: 5 } => $"{offset[..3]}:{offset[3..]}",
        _ => offset,
    };

    [GeneratedRegex(@"^\s*[+-]?(0|[1-9][0-9]*)\s*$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$")]
    private static partial Regex FloatText();

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"^(?<time>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(?<offset>Z|[+-][0-9]{2}:?[0-9]{2})$")]
    private static partial Regex IsoTime();
}
