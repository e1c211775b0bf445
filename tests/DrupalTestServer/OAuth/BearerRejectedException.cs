namespace DrupalTestServer.OAuth;

/// <summary>A bearer token Drupal refuses; the message goes into WWW-Authenticate's error_description.</summary>
public sealed class BearerRejectedException(string description) : Exception(description);
