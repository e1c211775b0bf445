using System.Net;
using DrupalTestServer;
using DrupalTestServer.Control;
using DrupalTestServer.GraphQLApi;
using DrupalTestServer.Http;
using DrupalTestServer.JsonApi;
using DrupalTestServer.OAuth;
using DrupalTestServer.Site;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.AspNetCore.Server.Kestrel.Core;

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
var certificate = SelfSignedCertificate.Create();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, 0);
    kestrel.Listen(IPAddress.Loopback, 0, https =>
    {
        // HTTP/1.1 only, like the http listener: a fault that aborts must break the connection on
        // both, not only reset one HTTP/2 stream.
        https.Protocols = HttpProtocols.Http1;
        https.UseHttps(certificate);
    });
});
builder.Services
    .AddSingleton(options)
    .AddSingleton<ListenerAddresses>()
    .AddHostedService<LifetimeWatchdog>()
    .AddSingleton<ServerStats>()
    .AddSingleton<FaultInjector>()
    .AddSingleton<ContentStore>()
    .AddSingleton<DrupalVersion>()
    .AddSingleton<SigningKeys>()
    .AddSingleton<TokenStore>()
    .AddSingleton<TokenEndpoint>()
    .AddSingleton<BearerAuthenticator>()
    .AddSingleton<ISchema, DrupalSchema>()
    .AddSingleton<IDocumentExecuter, DocumentExecuter>()
    .AddSingleton<IGraphQLTextSerializer>(new GraphQLSerializer(
        json => json.Encoder = DrupalResponses.JsonOptions.Encoder, new DrupalErrorInfoProvider()))
    .AddSingleton<GraphQLSettings>()
    .AddSingleton<GraphQLResponseCache>()
    .AddSingleton<GraphQLEndpoint>()
    .AddSingleton<CompressionSettings>()
    .AddSingleton<JsonApiSettings>()
    .AddSingleton<StormSwitch>()
    .AddSingleton<MaintenanceMode>()
    .AddSingleton<JsonApiEndpoint>();

var app = builder.Build();
// Outermost, as the web server in front of Drupal: faults are compressed like any answer.
app.UseMiddleware<CompressionMiddleware>();
app.UseMiddleware<GeneratorMiddleware>();
app.UseMiddleware<TrafficMiddleware>();
app.Map(ApiRoute.Token.Path, (HttpContext context, TokenEndpoint token) => token.HandleAsync(context));
app.Map(ApiRoute.GraphQL.Path, (HttpContext context, BearerAuthenticator bearer, GraphQLEndpoint graphql) => graphql.RunAsync(context, bearer));
app.Map(ApiRoute.Debug.Path, (HttpContext context, BearerAuthenticator bearer) =>
    bearer.RunAsync(context, caller => DebugEndpoint.HandleAsync(context, caller)));
foreach (var pattern in JsonApiEndpoint.RoutePatterns)
    app.Map(pattern, (HttpContext context, BearerAuthenticator bearer, JsonApiEndpoint jsonApi) => jsonApi.RunAsync(context, bearer));
app.Map(ApiRoute.Files.Path + "/{**file}", PublicFilesEndpoint.HandleAsync);
app.Map(ApiRoute.Echo.Path + "/{**rest}", (HttpContext context, BearerAuthenticator bearer) =>
    bearer.RunAsync(context, caller => EchoEndpoint.HandleAsync(context, caller)));
app.MapControlEndpoints();
app.MapFallback(DrupalResponses.NotFoundAsync);

await app.StartAsync();
var listeners = app.Services.GetRequiredService<ListenerAddresses>();
if (options.PortFile is { } portFile)
{
    // Written aside and renamed, so that a reader never sees half a line or the first line alone.
    // The http URI stays first: readers from before the https listener read only that line.
    var partial = portFile + ".partial";
    await File.WriteAllLinesAsync(partial, [listeners.Http, listeners.Https]);
    File.Move(partial, portFile, overwrite: true);
}
Console.WriteLine($"Listening on {listeners.Http} and {listeners.Https}");
await app.WaitForShutdownAsync();
return 0;
