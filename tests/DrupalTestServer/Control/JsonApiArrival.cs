namespace DrupalTestServer.Control;

/// <summary>When a JSON:API request began to be served, and how many were in flight then, itself included.</summary>
public readonly record struct JsonApiArrival(long Timestamp, long InFlight);
