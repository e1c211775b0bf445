using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// The resources an answer leaves out because the caller may not see them, and their <c>meta.omitted</c> block:
/// one <c>item--HASH</c> link per resource, the hash over a salt new to each answer, as in Drupal.
/// </summary>
public sealed class OmittedItems
{
    public const string Detail = "The current user is not allowed to GET the selected resource.";

    private readonly List<(string Href, string Detail)> items = [];
    private readonly string salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool Any => items.Count > 0;

    /// <param name="reason">The access handler's reason, appended to the detail as Drupal does.</param>
    public void Add(string href, string? reason, string detail = Detail) =>
        items.Add((href, reason is null ? detail : $"{detail} {reason}"));

    public JsonObject ToJson()
    {
        var links = new JsonObject { ["help"] = JsonApiDocument.Link("https://www.drupal.org/docs/8/modules/json-api/filtering#filters-access-control") };
        foreach (var (href, detail) in items)
        {
            links[$"item--{Hash(href)}"] = new JsonObject
            {
                ["href"] = href,
                ["meta"] = new JsonObject { ["rel"] = "item", ["detail"] = detail },
            };
        }
        return new JsonObject
        {
            ["detail"] = "Some resources have been omitted because of insufficient authorization.",
            ["links"] = links,
        };
    }

    /// <summary>JsonApiDocumentTopLevelNormalizer::getLinkHash: Crypt::hashBase64, dashes and underscores dropped, 7 characters.</summary>
    private string Hash(string href)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(salt + href)));
        return hash.Replace("+", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).TrimEnd('=')[..7];
    }
}
