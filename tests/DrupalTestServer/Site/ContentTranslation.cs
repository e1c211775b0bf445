namespace DrupalTestServer.Site;

/// <summary>A node's title and body in another language than its original English; a null body is an empty one.</summary>
public sealed record ContentTranslation(string Langcode, string Title, string? Body);
