using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary><c>node--article</c> and <c>node--page</c>, as the standard profile defines them; articles also have an image and tags.</summary>
public sealed class NodeResourceType : ResourceType
{
    private static readonly string[] BodyProperties = ["value", "format", "processed", "summary"];

    private static readonly string[] ImageProperties = ["alt", "title", "width", "height"];

    public NodeResourceType(string bundle, int bundleNumber)
        : base("node", bundle)
    {
        var isArticle = bundle == ContentStore.ArticleBundle;
        List<ResourceField> fields =
        [
            new AttributeField("drupal_internal__nid", "nid", row => (long)Node(row).Nid),
            new AttributeField("drupal_internal__vid", "vid", row => (long)Node(row).Nid),
            Langcode(),
            Time("revision_timestamp", row => Node(row).Created),
            Fixed("revision_log", null),
            new AttributeField("status", "status", row => Node(row).Status),
            new AttributeField("title", "title", row => Text(row).Title),
            Time("created", row => Node(row).Created),
            Time("changed", row => Node(row).Changed ?? Node(row).Created),
            new AttributeField("promote", "promote", row => Node(row).Promote ?? isArticle),
            new AttributeField("sticky", "sticky", row => Node(row).Sticky),
            DefaultLangcode(),
            Fixed("revision_translation_affected", true),
            Path(row => Node(row).Path),
            // content_translation's fields: which translation a translation was made from (und for the original), and whether it is outdated.
            new AttributeField("content_translation_source", "content_translation_source",
                row => row.Langcode == SiteDirectory.DefaultLangcode ? "und" : SiteDirectory.DefaultLangcode) { Since = DrupalVersion.Drupal11 },
            new AttributeField("content_translation_outdated", "content_translation_outdated", _ => false) { Since = DrupalVersion.Drupal11 },
            new AttributeField("body", "body", row => Body(Node(row), Text(row).Body), BodyProperties),
            new RelationshipField("node_type", "type", NodeTypeName, false, (_, _) =>
                [new RelatedItem(NodeTypeName, EntityUuid.Of(EntityUuid.NodeType, bundleNumber), null, bundle, Properties())]),
            User("revision_uid", (row, _) => Node(row).AuthorUid),
            User("uid", (row, _) => Node(row).AuthorUid),
        ];
        if (isArticle)
        {
            // Configurable fields come after the base fields, by name, as Drupal loads their configuration.
            fields.InsertRange(fields.FindIndex(f => f.PublicName == "body") + 1,
            [
                new AttributeField("field_external_id", "field_external_id", row => Node(row).ExternalId),
                new AttributeField("field_featured", "field_featured", row => Node(row).Featured),
                new AttributeField("field_keywords", "field_keywords", row => Node(row).Keywords),
                new AttributeField("field_rating", "field_rating", row => Node(row).Rating),
                new AttributeField("field_score", "field_score", row => Node(row).Score),
            ]);
            fields.Add(new RelationshipField("field_image", "field_image", ResourceTypes.FileTypeName, false, ImageItems, ImageProperties));
            fields.Add(new RelationshipField("field_tags", "field_tags", ResourceTypes.TermTypeName, true, (row, content) =>
                Node(row).TagTids
                    .Select(tid => content.FindTerm(tid) is { } term
                        ? new RelatedItem(ResourceTypes.TermTypeName, term.Uuid, term, (long)term.Tid, Properties())
                        : RelatedItem.Missing(ResourceTypes.TermTypeName))
                    .ToArray()));
        }
        Fields = fields;
    }

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => "title";

    public override bool IsRevisionable => true;

    /// <summary>One revision per node: its vid is its nid.</summary>
    public override string? VersionOf(object entity) => $"id:{((ContentNode)entity).Nid}";

    /// <summary>A type this server does not serve: identifiers point at it, includes of it find nothing.</summary>
    private static string NodeTypeName => "node_type--node_type";

    public override IReadOnlyList<object> Entities(ContentSnapshot content) => content.OfBundle(Bundle);

    public override object? Find(ContentSnapshot content, string uuid) =>
        content.FindNode(uuid) is { } node && node.Bundle == Bundle ? node : null;

    public override string UuidOf(object entity) => ((ContentNode)entity).Uuid;

    public override IReadOnlyList<string> LangcodesOf(object entity) =>
        ((ContentNode)entity).Spanish is { } spanish ? [SiteDirectory.DefaultLangcode, spanish.Langcode] : [SiteDirectory.DefaultLangcode];

    /// <summary>NodeAccessControlHandler with the default grant of a site without node access modules.</summary>
    public override EntityAccess ViewAccess(object entity, Caller caller)
    {
        var node = (ContentNode)entity;
        if (caller.HasPermission(PermissionCatalog.BypassNodeAccess))
            return EntityAccess.Allowed;
        if (!caller.HasPermission(PermissionCatalog.AccessContent))
            return EntityAccess.Denied("The 'access content' permission is required.");
        return node.Status || IsOwnUnpublished(node, caller) ? EntityAccess.Allowed : EntityAccess.Denied();
    }

    /// <summary>jsonapi_jsonapi_node_filter_access: all, nothing, or the published ones plus the caller's own if it may see them.</summary>
    public override Func<object, bool>? FilterableBy(Caller caller)
    {
        if (caller.HasPermission(PermissionCatalog.BypassNodeAccess))
            return null;
        if (!caller.HasPermission(PermissionCatalog.AccessContent))
            return _ => false;
        if (caller.HasPermission(PermissionCatalog.AdministerNodes))
            return null;
        return entity => ((ContentNode)entity).Status || IsOwnUnpublished((ContentNode)entity, caller);
    }

    private static bool IsOwnUnpublished(ContentNode node, Caller caller) =>
        caller.Account.Uid != 0 && node.AuthorUid == caller.Account.Uid && caller.HasPermission(PermissionCatalog.ViewOwnUnpublished);

    private static ContentNode Node(EntityRow row) => (ContentNode)row.Entity;

    private static (string Title, string? Body) Text(EntityRow row)
    {
        var node = Node(row);
        return node.Spanish is { } spanish && spanish.Langcode == row.Langcode ? (spanish.Title, spanish.Body) : (node.Title, node.Body);
    }

    /// <summary>A translation shares the original's format and summary; an empty body field is null.</summary>
    private static IReadOnlyDictionary<string, object?>? Body(ContentNode node, string? value) =>
        value is null
            ? null
            : Properties(("value", value), ("format", node.BodyFormat), ("processed", TextFormats.Processed(value, node.BodyFormat)), ("summary", node.BodySummary));

    /// <summary>A seeded image's item follows from its file; a written one keeps the meta it was given, its size else the file's.</summary>
    private static IReadOnlyList<RelatedItem> ImageItems(EntityRow row, ContentSnapshot content)
    {
        if (Node(row).ImageFid is not { } fid || content.FindFile(fid) is not { } file)
            return [];
        var (width, height) = file.Upload is null ? ((long?)ImageFile.Width, (long?)ImageFile.Height) : (null, null);
        var item = Node(row).Image ?? new ImageMeta(file.Alt, "", null, null);
        return [new RelatedItem(ResourceTypes.FileTypeName, file.Uuid, file, (long)file.Fid,
            Properties(("alt", item.Alt), ("title", item.Title), ("width", item.Width ?? width), ("height", item.Height ?? height)))];
    }
}
