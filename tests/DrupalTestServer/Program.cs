using System.Net;
using DrupalTestServer;
using DrupalTestServer.Control;
using DrupalTestServer.GraphQLApi;
using DrupalTestServer.Http;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;

ServerOptions options;
try
{
    options = ServerOptions.Parse(args);
}
catch (FormatException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    Console.Error.WriteLine(ServerOptions.Usage);
    return 2;
}

// No args for the host: the server's options are not ASP.NET configuration.
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, 0);
});
builder.Services
    .AddSingleton(options)
    .AddHostedService<LifetimeWatchdog>()
    .AddSingleton<ServerStats>()
    .AddSingleton<FaultInjector>()
    .AddSingleton<ContentStore>()
    .AddSingleton<SigningKeys>()
    .AddSingleton<TokenStore>()
    .AddSingleton<TokenEndpoint>()
    .AddSingleton<BearerAuthenticator>()
    .AddSingleton<ISchema, DrupalSchema>()
    .AddSingleton<IDocumentExecuter, DocumentExecuter>()
    .AddSingleton<IGraphQLTextSerializer>(new GraphQLSerializer(
        json => json.Encoder = DrupalResponses.JsonOptions.Encoder, new DrupalErrorInfoProvider()))
    .AddSingleton<GraphQLEndpoint>();

var app = builder.Build();
app.UseMiddleware<TrafficMiddleware>();
app.Map(ApiRoute.Token.Path, (HttpContext context, TokenEndpoint token) => token.HandleAsync(context));
app.Map(ApiRoute.GraphQL.Path, (HttpContext context, BearerAuthenticator bearer, GraphQLEndpoint graphql) =>
    bearer.RunAsync(context, caller => graphql.HandleAsync(context, caller)));
app.Map(ApiRoute.Debug.Path, (HttpContext context, BearerAuthenticator bearer) =>
    bearer.RunAsync(context, caller => DebugEndpoint.HandleAsync(context, caller)));
app.MapControlEndpoints();
app.MapFallback(DrupalResponses.NotFoundAsync);

await app.StartAsync();
var baseUri = app.Urls.Single();
if (options.PortFile is { } portFile)
{
    // Written aside and renamed, so that a reader never sees half a line.
    var partial = portFile + ".partial";
    await File.WriteAllTextAsync(partial, baseUri + Environment.NewLine);
    File.Move(partial, portFile, overwrite: true);
}
Console.WriteLine($"Listening on {baseUri}");
await app.WaitForShutdownAsync();
return 0;
