using System.Globalization;
using DrupalTestServer.Site;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace DrupalTestServer.GraphQLApi;

/// <summary>
/// The fields that the Entity and Node interfaces and every node type repeat, as GraphQL requires;
/// defined once here, with resolvers only on object types.
/// </summary>
public static class NodeFields
{
    /// <summary>Drupal GraphQL 3.x's generic entity fields.</summary>
    private static readonly (string Name, Type GraphType, Func<ContentNode, object?> Value)[] EntityFields =
    [
        ("entityId", typeof(StringGraphType), n => n.Nid.ToString(CultureInfo.InvariantCulture)),
        ("entityUuid", typeof(StringGraphType), n => n.Uuid),
        ("entityLabel", typeof(StringGraphType), n => n.Title),
        ("entityBundle", typeof(StringGraphType), n => n.Bundle),
    ];

    /// <summary>The node's own fields under the 3.x names, plus graphql_compose's <c>id</c> (the uuid).</summary>
    private static readonly (string Name, Type GraphType, Func<ContentNode, object?> Value)[] OwnNodeFields =
    [
        ("id", typeof(NonNullGraphType<IdGraphType>), n => n.Uuid),
        ("nid", typeof(IntGraphType), n => n.Nid),
        ("uuid", typeof(StringGraphType), n => n.Uuid),
        ("title", typeof(StringGraphType), n => n.Title),
        ("created", typeof(IntGraphType), n => n.Created),
        ("changed", typeof(IntGraphType), n => n.Changed ?? n.Created),
        ("status", typeof(BooleanGraphType), n => n.Status),
        ("promote", typeof(BooleanGraphType), n => n.Promote ?? n.Bundle == ContentStore.ArticleBundle),
        ("sticky", typeof(BooleanGraphType), n => n.Sticky),
        ("langcode", typeof(StringGraphType), _ => SiteDirectory.DefaultLangcode),
        ("body", typeof(StringGraphType), n => n.Body),
        ("author", typeof(StringGraphType), n => n.AuthorName),
    ];

    public static void AddEntityFields(IComplexGraphType type) => Add(type, EntityFields);

    public static void AddNodeFields(IComplexGraphType type) => Add(type, [.. EntityFields, .. OwnNodeFields]);

    /// <summary>A field whose resolver always fails, for tests of partial data with errors.</summary>
    public static void AddFailingField<TSource>(ObjectGraphType<TSource> type) =>
        type.Field<StringGraphType>("failingField").Resolve(_ => throw new ExecutionError("This field fails on purpose."));

    private static void Add(IComplexGraphType type, IEnumerable<(string Name, Type GraphType, Func<ContentNode, object?> Value)> fields)
    {
        foreach (var (name, graphType, value) in fields)
        {
            type.AddField(new FieldType
            {
                Name = name,
                Type = graphType,
                Resolver = type is IObjectGraphType ? new FuncFieldResolver<ContentNode, object?>(c => value(c.Source)) : null,
            });
        }
    }
}
