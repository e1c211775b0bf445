namespace DrupalTestServer.GraphQLApi;

public sealed class ArticleInput
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }
}
