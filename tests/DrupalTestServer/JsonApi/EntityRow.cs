namespace DrupalTestServer.JsonApi;

/// <summary>An entity in one of its languages, as a row of Drupal's field data table: what fields are read from.</summary>
public readonly record struct EntityRow(ResourceType Type, object Entity, string Langcode);
