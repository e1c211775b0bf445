using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using static DrupalTestServer.JsonApi.CommonFields;

namespace DrupalTestServer.JsonApi;

/// <summary><c>file--file</c>: the articles' images, public files, owned by their article's author.</summary>
public sealed class FileResourceType : ResourceType
{
    private static readonly string[] UriProperties = ["value", "url"];

    public FileResourceType()
        : base("file", "file") =>
        Fields =
        [
            new AttributeField("drupal_internal__fid", "fid", row => (long)File(row).Fid),
            Langcode(),
            new AttributeField("filename", "filename", row => File(row).Filename),
            // The url is root-relative, as Drupal 10 gives it.
            new AttributeField("uri", "uri", row => Properties(("value", File(row).Uri), ("url", File(row).Url)), UriProperties),
            new AttributeField("filemime", "filemime", row => File(row).Mime),
            new AttributeField("filesize", "filesize", row => File(row).Size),
            new AttributeField("status", "status", row => File(row).Permanent),
            Time("created", row => File(row).Created),
            Time("changed", row => File(row).Created),
            User("uid", (row, content) => File(row).Upload?.OwnerUid ?? content.FindNode(File(row).ArticleNid)?.AuthorUid),
        ];

    public override IReadOnlyList<ResourceField> Fields { get; }

    public override string LabelField => "filename";

    public override IReadOnlyList<object> Entities(ContentSnapshot content) => content.Files;

    public override object? Find(ContentSnapshot content, string uuid) => content.FindFile(uuid);

    public override string UuidOf(object entity) => ((ImageFile)entity).Uuid;

    /// <summary>FileAccessControlHandler: a public file is for whoever may read content.</summary>
    public override EntityAccess ViewAccess(object entity, Caller caller) =>
        caller.HasPermission(PermissionCatalog.AccessContent) ? EntityAccess.Allowed : EntityAccess.Denied("The 'access content' permission is required.");

    /// <summary>jsonapi_jsonapi_file_filter_access: all public files with "access content", else none.</summary>
    public override Func<object, bool>? FilterableBy(Caller caller) =>
        caller.HasPermission(PermissionCatalog.AccessContent) ? null : _ => false;

    private static ImageFile File(EntityRow row) => (ImageFile)row.Entity;
}
