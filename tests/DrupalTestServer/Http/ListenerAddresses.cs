using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DrupalTestServer.Http;

/// <summary>
/// The base URIs the server listens on (<c>http://127.0.0.1:PORT</c>, no trailing slash), known only
/// once it has started, as both ports are ephemeral. Read from the server itself, so that it needs no
/// filling in and answers at request time too.
/// </summary>
public sealed class ListenerAddresses(IServer server)
{
    public string Http => Find(Uri.UriSchemeHttp);

    public string Https => Find(Uri.UriSchemeHttps);

    /// <summary>Kestrel lists the bound addresses in no promised order: they are told apart by scheme.</summary>
    private string Find(string scheme)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server has no addresses feature.");
        return addresses.SingleOrDefault(address => new Uri(address).Scheme == scheme)
            ?? throw new InvalidOperationException($"The server does not listen on {scheme} (yet).");
    }
}
