namespace DrupalTestServer.JsonApi;

/// <summary>A formatted text field's item as a write gives it; <see cref="Format"/> null when given as a plain string.</summary>
public sealed record FormattedText(string Value, string? Format, string? Summary);
