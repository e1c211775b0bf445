using System.Text.Json.Nodes;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// <c>include=uid,field_tags,field_tags.vid</c>: Drupal's IncludeResolver. Each path is checked against the types of
/// the primary data (FieldResolver::resolveInternalIncludePath's messages); the related resources come once each, in
/// the order of the paths, and those the caller may not see go to meta.omitted instead.
/// </summary>
public static class IncludeResolver
{
    public static IReadOnlyList<JsonObject> Resolve(JsonApiRequest request, IReadOnlyList<CheckedResource> data, string include)
    {
        var paths = include.Split(',').Select(path => path.Trim().Split('.').Select(part => part.Trim()).ToArray()).ToArray();
        foreach (var type in data.Select(resource => resource.Type).Distinct())
        {
            foreach (var path in paths)
                Check(type, path, 0);
        }
        var included = new List<JsonObject>();
        Include(request, Tree(paths), data, included, []);
        return included;
    }

    private static void Check(ResourceType type, string[] path, int depth)
    {
        if (path[0].Length == 0)
            throw JsonApiException.BadRequest("Empty include path.");
        if (type.FindRelationship(path[0]) is not { } field)
        {
            var possible = string.Join(", ", type.Relationships.Select(r => r.PublicName));
            throw JsonApiException.BadRequest($"`{path[0]}` is not a valid relationship field name." + (possible.Length > 0 ? $" Possible values: {possible}." : ""));
        }
        if (path.Length == 1 || field.TargetType is not { } target)
            return;
        try
        {
            Check(target, path[1..], depth + 1);
        }
        catch (JsonApiException invalid) when (depth == 0)
        {
            // Only the first level names the whole path, so that the phrase is not repeated at every level.
            throw JsonApiException.BadRequest($"`{string.Join('.', path)}` is not a valid include path. {invalid.Message}");
        }
    }

    private static Dictionary<string, string[][]> Tree(IEnumerable<string[]> paths) =>
        paths.GroupBy(path => path[0]).ToDictionary(group => group.Key, group => group.Where(p => p.Length > 1).Select(p => p[1..]).ToArray());

    private static void Include(JsonApiRequest request, Dictionary<string, string[][]> tree, IReadOnlyList<CheckedResource> from,
        List<JsonObject> included, HashSet<(string Type, string Id)> seen)
    {
        foreach (var (fieldName, children) in tree)
        {
            var targets = new List<CheckedResource>();
            var targeted = new HashSet<(string Type, string Id)>();
            foreach (var source in from.Where(resource => resource.Access.Kind == EntityAccessKind.Allowed))
            {
                if (source.Type.FindRelationship(fieldName) is not { TargetType: { } targetType } field)
                    continue;
                foreach (var item in field.Items(request.RowOf(source.Type, source.Entity), request.Content))
                {
                    if (item.Entity is { } entity && targeted.Add((item.TypeName, item.Id)))
                        targets.Add(new CheckedResource(targetType, entity, request.AccessTo(targetType, entity)));
                }
            }
            foreach (var target in targets)
            {
                if (target.Access.Kind == EntityAccessKind.Denied)
                    request.Omitted.Add(request.Links.Individual(target.Type, target.Uuid), target.Access.Reason);
                else if (seen.Add((target.Type.TypeName, target.Uuid)))
                    included.Add(ResourceNormalizer.ResourceObject(request, target.Type, target.Entity, target.Access.Kind));
            }
            if (children.Length > 0)
                Include(request, Tree(children), targets, included, seen);
        }
    }
}
