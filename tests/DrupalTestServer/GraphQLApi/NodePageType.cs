namespace DrupalTestServer.GraphQLApi;

public sealed class NodePageType : BundleNodeType, IBundleGraphType
{
    public NodePageType()
        : base(TypeName, Bundle)
    {
    }

    public static string TypeName => "NodePage";

    public static string Bundle => "page";
}
