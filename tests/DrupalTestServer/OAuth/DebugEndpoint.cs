using System.Globalization;
using System.Text.Json.Nodes;
using DrupalTestServer.Http;
using DrupalTestServer.Site;

namespace DrupalTestServer.OAuth;

/// <summary><c>GET /oauth/debug</c>: the token, its user and every permission of the site with its access.</summary>
public static class DebugEndpoint
{
    /// <summary>A real site's map holds this one entry that is a string, not a permission: clients must skip it.</summary>
    private const string StrayDescription = "Debug information about the access token.";

    public static Task HandleAsync(HttpContext context, Caller caller)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
            return DrupalResponses.MethodNotAllowedAsync(context, "GET");
        if (!caller.HasPermission(PermissionCatalog.DebugTokens))
            return DrupalResponses.PermissionRequiredAsync(context.Response, PermissionCatalog.DebugTokens);

        var permissions = PermissionCatalog.All
            .Select(p => new KeyValuePair<string, JsonNode?>(p.Key, new JsonObject
            {
                ["title"] = p.Value,
                ["access"] = caller.HasPermission(p.Key),
            }))
            .Append(new("description", StrayDescription))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal);
        var body = new JsonObject
        {
            ["token"] = new JsonArray(caller.AccessToken),
            ["id"] = caller.Account.Uid.ToString(CultureInfo.InvariantCulture),
            ["roles"] = new JsonArray(caller.Account.Roles.Select(r => (JsonNode?)r).ToArray()),
            ["permissions"] = new JsonObject(permissions),
        };
        return DrupalResponses.JsonAsync(context.Response, StatusCodes.Status200OK, body);
    }
}
