namespace DrupalTestServer.GraphQLApi;

public sealed class NodeArticleType : BundleNodeType, IBundleGraphType
{
    public NodeArticleType()
        : base(TypeName, Bundle) => NodeFields.AddFailingField(this);

    public static string TypeName => "NodeArticle";

    public static string Bundle => "article";
}
