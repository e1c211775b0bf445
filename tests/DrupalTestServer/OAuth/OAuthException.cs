using System.Text.Json.Nodes;

namespace DrupalTestServer.OAuth;

/// <summary>An error of the token endpoint, worded as league/oauth2-server 9 words it.</summary>
public sealed class OAuthException(int status, string error, string description, string? hint = null) : Exception(description)
{
    private const string InvalidRequestDescription =
        "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.";

    public int Status { get; } = status;

    public string Error { get; } = error;

    public static OAuthException InvalidRequest(string parameter) =>
        new(400, "invalid_request", InvalidRequestDescription, $"Check the `{parameter}` parameter");

    public static OAuthException InvalidClient() => new(401, "invalid_client", "Client authentication failed");

    public static OAuthException UnsupportedGrantType() =>
        new(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.",
            "Check that all required parameters have been provided");

    public static OAuthException InvalidScope(string scope) =>
        new(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed", $"Check the `{scope}` scope");

    public static OAuthException ServerError(string reason) =>
        new(500, "server_error",
            "The authorization server encountered an unexpected condition which prevented it from fulfilling the request: " + reason);

    public JsonObject ToJson()
    {
        var body = new JsonObject { ["error"] = Error, ["error_description"] = Message };
        if (hint is not null)
            body["hint"] = hint;
        return body;
    }
}
