using DrupalTestServer.OAuth;
using DrupalTestServer.Site;

namespace DrupalTestServer.JsonApi;

/// <summary>
/// A filter or sort path (<c>title</c>, <c>body.value</c>, <c>uid.name</c>, <c>field_image.meta.alt</c>) resolved against
/// a resource type with the rules and messages of Drupal's FieldResolver::resolveInternalEntityQueryPath; it reads
/// the values the path reaches on an entity, through relationships to every target the filter may reach.
/// </summary>
public sealed class FieldPath
{
    private readonly Step step;

    private FieldPath(Step step) => this.step = step;

    /// <param name="op">The filter's operator: IS NULL and IS NOT NULL may end at a relationship, asking whether it has items at all.</param>
    /// <exception cref="JsonApiException">400 for a path that does not resolve, 403 for a field the caller may not filter by.</exception>
    public static FieldPath Resolve(ResourceType type, string path, Caller caller, string? op = null)
    {
        if (path.Length == 0)
            throw JsonApiException.BadRequest("No field name was provided for the filter.");
        return new FieldPath(new Resolver(path, caller, op is not null && FilterOperator.TakesNoValue(op)).Resolve(type, new Queue<string>(path.Split('.'))));
    }

    /// <param name="guard">Null for a sort, which Drupal does not restrict to the entities a filter may find.</param>
    public IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard) => step.Values(row, content, guard);

    private sealed class Resolver(string path, Caller caller, bool asksPresence)
    {
        private const string Id = "id";
        private const string Meta = "meta";
        private const string ReferenceProperty = "entity";
        private const string TargetProperty = "target_id";

        /// <summary>The internal path so far, as Drupal words it in a 403 (<c>uid.entity:user.mail</c>).</summary>
        private readonly List<string> breadcrumbs = [];

        public Step Resolve(ResourceType? type, Queue<string> parts)
        {
            var part = parts.Dequeue();
            var field = part == Id ? null : type?.FindField(part);
            if (type is null || (part != Id && field is null))
                throw Invalid($"The field `{part}`, given in the path `{path}`, does not exist.");
            // JSON:API lets a computed value through, and the entity query, which has no column for it, fails.
            if (field is { IsFilterable: false })
                throw new JsonApiException(StatusCodes.Status500InternalServerError, $"'{field.InternalName}' not found");
            if (field is null)
            {
                breadcrumbs.Add("uuid");
                return parts.Count == 0 ? new IdStep() : throw SingleProperty(parts.Peek());
            }
            breadcrumbs.Add(field.InternalName);
            if (!type.IsFieldable)
                return new AttributeStep((AttributeField)field, parts.Count == 0 ? null : string.Join('.', parts));
            if (!field.CanView(caller, null))
                throw new JsonApiException(StatusCodes.Status403Forbidden,
                    $"The current user is not authorized to filter by the `{field.InternalName}` field, given in the path `{string.Join('.', breadcrumbs)}`.");
            return field switch
            {
                AttributeField attribute => ResolveAttribute(attribute, part, parts),
                RelationshipField relationship => ResolveRelationship(relationship, part, parts),
                _ => throw new InvalidOperationException($"Unknown kind of field {field.GetType().Name}."),
            };
        }

        private Step ResolveAttribute(AttributeField field, string part, Queue<string> parts)
        {
            if (parts.Count == 0)
                return field.Properties is { } properties ? throw Incomplete(part, properties) : new AttributeStep(field, null);
            var property = parts.Peek();
            if (field.Properties is null)
                throw SingleProperty(property);
            return field.Properties.Contains(property)
                ? new AttributeStep(field, property)
                : throw Invalid($"The property `{property}`, given in the path `{path}`, does not exist. Must be one of the following property names: `{string.Join("`, `", field.Properties)}`.");
        }

        /// <summary>
        /// After a relationship comes <c>id</c> (the target's uuid), <c>meta.</c> and an item property, or a field of
        /// the target, with or without the reference property <c>entity</c> before it.
        /// </summary>
        private Step ResolveRelationship(RelationshipField field, string part, Queue<string> parts)
        {
            string[] specifiers = [Id, .. field.MetaProperties];
            var incomplete = Incomplete(part, specifiers.Select(s => s == Id ? s : $"{Meta}.{s}").ToArray());
            if (parts.Count == 0)
                return asksPresence ? new PresenceStep(field) : throw incomplete;
            if (parts.Peek() == Meta)
            {
                parts.Dequeue();
                if (parts.Count == 0)
                    throw incomplete;
            }
            else if (field.MetaProperties.Contains(parts.Peek()))
                throw Invalid($"The property `{parts.Peek()}`, given in the path `{path}` belongs to the meta object of a relationship and must be preceded by `meta`.");

            var next = parts.Peek();
            if (next == ReferenceProperty)
            {
                parts.Dequeue();
                breadcrumbs.Add(ReferenceProperty);
                return parts.Count == 0 ? throw incomplete : Traverse(field, parts);
            }
            if (next != TargetProperty && !field.MetaProperties.Contains(next))
            {
                breadcrumbs.Add($"{ReferenceProperty}:{field.TargetEntityTypeId}");
                return Traverse(field, parts);
            }
            if (specifiers.Length == 1)
                throw SingleProperty(next);
            return specifiers.Contains(next)
                ? new MetaStep(field, next)
                : throw Invalid($"The property `{next}`, given in the path `{path}`, does not exist. Must be one of the following property names: `{string.Join("`, `", specifiers)}`.");
        }

        /// <summary>Config entities cannot be joined: Drupal's entity query fails, and JSON:API says why.</summary>
        private RelationshipStep Traverse(RelationshipField field, Queue<string> parts)
        {
            var target = field.TargetType;
            var rest = Resolve(target, parts);
            return target is { IsFieldable: false }
                ? throw JsonApiException.BadRequest(
                    $"Filtering on config entities is not supported by Drupal's entity API. You tried to filter on a {target.EntityTypeLabel} config entity.")
                : new RelationshipStep(field, rest);
        }

        private JsonApiException Incomplete(string part, IReadOnlyList<string> specifiers) =>
            Invalid($"The field `{part}`, given in the path `{path}` is incomplete, it must end with one of the following specifiers: `{string.Join("`, `", specifiers)}`.");

        private JsonApiException SingleProperty(string property) =>
            Invalid($"The property `{property}`, given in the path `{path}`, does not exist. Filter by `{path[..(path.Length - property.Length - 1)]}`, not `{path}` (the JSON:API module elides property names from single-property fields).");

        private static JsonApiException Invalid(string reason) => JsonApiException.BadRequest("Invalid nested filtering. " + reason);
    }

    private abstract class Step
    {
        public abstract IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard);
    }

    private sealed class AttributeStep(AttributeField field, string? property) : Step
    {
        /// <summary>A multi-value field gives one value per item, as its table has one row per delta.</summary>
        public override IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard)
        {
            var value = field.Value(row);
            if (value is IReadOnlyList<object?> items)
                return items;
            return [property is null ? value : (value as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault(property)];
        }
    }

    private sealed class IdStep : Step
    {
        public override IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard) => [row.Type.UuidOf(row.Entity)];
    }

    private sealed class MetaStep(RelationshipField field, string property) : Step
    {
        public override IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard) =>
            field.Items(row, content).Select(item => item.Meta.GetValueOrDefault(property));
    }

    /// <summary>A relationship's items themselves, for IS NULL and IS NOT NULL (the field's target ids in Drupal's query).</summary>
    private sealed class PresenceStep(RelationshipField field) : Step
    {
        public override IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard) =>
            field.Items(row, content).Select(item => item.Id);
    }

    /// <summary>Like a join: the values of every target, in each of its languages, that the filter may reach.</summary>
    private sealed class RelationshipStep(RelationshipField field, Step next) : Step
    {
        public override IEnumerable<object?> Values(EntityRow row, ContentSnapshot content, FilterGuard? guard)
        {
            if (field.TargetType is not { } target)
                yield break;
            var reachable = guard?.For(target);
            foreach (var item in field.Items(row, content))
            {
                if (item.Entity is not { } entity || reachable?.Invoke(entity) == false)
                    continue;
                foreach (var targetRow in target.Rows(entity))
                {
                    foreach (var value in next.Values(targetRow, content, guard))
                        yield return value;
                }
            }
        }
    }
}
