using DrupalTestServer.Site;

namespace DrupalTestServer.GraphQLApi;

public sealed record ConnectionEdge(string Cursor, ContentNode Node);
