namespace DrupalTestServer.JsonApi;

/// <summary>
/// An HTTP exception as Drupal's JSON:API renders it: one error object with the status, its detail and
/// links. <see cref="Info"/> replaces the RFC 2616 section link (Drupal takes it from a Link header);
/// <see cref="Via"/> replaces the request URL (an entity's own URL when access to it was refused).
/// </summary>
public sealed class JsonApiException(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string? Info { get; init; }

    public string? Via { get; init; }

    /// <summary>The <c>source.pointer</c> member, e.g. <c>/data</c> for a resource the caller may not see.</summary>
    public string? Pointer { get; init; }

    /// <summary>A 422's constraint violations when there are several, each its own error object; null for one.</summary>
    public IReadOnlyList<JsonApiException>? Violations { get; init; }

    /// <summary>The <c>Allow</c> header of a 405.</summary>
    public string? Allow { get; init; }

    /// <summary>The <c>Retry-After</c> header (seconds) of a 503 in maintenance mode or a storm's answer.</summary>
    public string? RetryAfter { get; init; }

    public static JsonApiException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);
}
