using System.Text.Json.Nodes;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>A POST or PATCH document read as changes to a term of the tags vocabulary; TermAccessControlHandler restricts no field.</summary>
public static class TermChange
{
    private static readonly string[] ReadOnlyFields = ["drupal_internal__tid", "drupal_internal__revision_id"];

    /// <summary>Known fields a write may carry that this server keeps as they are (one vocabulary, one language, no revisions).</summary>
    private static readonly string[] IgnoredFields =
        ["langcode", "default_langcode", "revision_created", "revision_log_message", "revision_translation_affected", "changed", "vid", "revision_user"];

    /// <param name="nextPathId">The id a first alias gets; called while the store's lock is held.</param>
    public static EntityChange<TagTerm> Parse(JsonObject data, TermResourceType type, ContentSnapshot snapshot, string method, Func<long> nextPathId)
    {
        // Terms have no translations here: a PATCH under another language was refused when the term was converted.
        var change = new EntityChange<TagTerm>(type, method == "POST" ? data["id"]?.GetValue<string>() : null, SiteDirectory.DefaultLangcode);
        var violations = change.Violations;
        foreach (var member in new[] { "attributes", "relationships" })
        {
            if (data[member] is not JsonObject fields)
                continue;
            foreach (var (name, value) in fields)
            {
                if (type.FindField(name) is not { } field || field.PublicName != name)
                    throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, $"The attribute {name} does not exist on the {type.TypeName} resource type.");
                if (IgnoredFields.Contains(name))
                    continue;
                if (ReadOnlyFields.Contains(name))
                    change.Set(field, member, term => term);
                else if (field is RelationshipField parent)
                {
                    var parents = FieldInput.Targets(parent, value, snapshot);
                    change.Set(field, member, term => term with { ParentTids = parents.Cast<TagTerm>().Select(p => p.Tid).ToArray() });
                }
                else
                    change.Set(field, member, Attribute(type, name, value, violations, nextPathId));
            }
        }
        return change;
    }

    public static void CheckAccess(EntityChange<TagTerm> change, string method, TagTerm? old, Caller caller, ContentSnapshot content) =>
        change.CheckAccess(method, old,
            field => ReadOnlyFields.Contains(field.PublicName) ? "" : field.PublicName == "path" ? CommonFields.PathEditDenied(caller) : null,
            field => ReadOnlyFields.Contains(field.PublicName),
            content);

    private static Func<TagTerm, TagTerm> Attribute(TermResourceType type, string name, JsonNode? value, WriteViolations violations, Func<long> nextPathId)
    {
        switch (name)
        {
            case "name":
                var before = violations.Count;
                var label = FieldInput.Text(name, value, violations);
                if (label is null && violations.Count == before)
                    violations.NotNull(name);
                return term => label is null ? term : term with { Name = label };
            case "description":
                var description = FieldInput.Formatted(name, value, violations);
                return term => term with { Description = description?.Value, DescriptionFormat = description?.Format };
            case "weight":
                var weight = FieldInput.Integer(name, value, violations);
                return term => term with { Weight = weight ?? 0 };
            case "status":
                var status = FieldInput.Boolean(name, value, violations);
                return term => status is { } given ? term with { Status = given } : term;
            case "path":
                var alias = FieldInput.Alias(name, value, violations);
                return term => term with { Path = alias is null ? PathAlias.None : new PathAlias(alias, term.Path.Pid ?? nextPathId()) };
            default:
                throw new JsonApiException(StatusCodes.Status422UnprocessableEntity, $"The attribute {name} does not exist on the {type.TypeName} resource type.");
        }
    }
}
