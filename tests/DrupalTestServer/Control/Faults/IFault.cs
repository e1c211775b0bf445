namespace DrupalTestServer.Control.Faults;

/// <summary>
/// Misbehaviour in place of one request's normal answer. It gets the whole request and the route
/// itself, so a fault may answer alone, wrap the route's answer, or break the connection.
/// </summary>
public interface IFault
{
    Task ApplyAsync(HttpContext context, RequestDelegate route);
}
